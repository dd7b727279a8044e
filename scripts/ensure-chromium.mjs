// Browser tests drive Debian's Chromium through playwright-core; install it when missing.
import { existsSync } from "node:fs";
import { execSync } from "node:child_process";

const CHROMIUM = "/usr/bin/chromium";
if (!existsSync(CHROMIUM)) {
  console.error("chromium not found: installing the Debian package (needs root and apt)");
  try {
    execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit" });
  } catch {
    console.error(`could not install chromium; install it so that ${CHROMIUM} exists, then run the tests again`);
    process.exit(1);
  }
}
