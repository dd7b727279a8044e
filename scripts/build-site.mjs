// The lab as a static site: `npm run site [-- OUT]` builds web/ with Vite into OUT (default site/), a
// folder any static host serves as it is (every asset path is relative, the bundled datasets beside the
// page), and the API reference (scripts/docs.mjs, TypeDoc) under OUT/api when TypeDoc is installed.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));

/** Build the site into `outDir`; returns what it built. */
export async function buildSite(outDir) {
  const { build } = await import("vite");
  await build({ configFile: join(root, "web", "vite.config.ts"), logLevel: "warn", build: { outDir, emptyOutDir: true } });
  const api = join(root, "scripts", "docs.mjs");
  let withApi = false;
  if (existsSync(api) && existsSync(join(root, "node_modules", "typedoc"))) {
    // The API reference's script takes its output folder as its argument.
    const run = spawnSync(process.execPath, [api, join(outDir, "api")], { cwd: root, stdio: "inherit" });
    if (run.status !== 0) throw new Error(`scripts/docs.mjs failed (exit ${run.status})`);
    withApi = true;
  }
  return { outDir, api: withApi };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const outDir = resolve(process.argv[2] ?? join(root, "site"));
  const built = await buildSite(outDir);
  console.log(`site: ${built.outDir}${built.api ? " (with api/)" : ""}; serve it with any static server, e.g. npx vite preview --outDir ${built.outDir}`);
}
