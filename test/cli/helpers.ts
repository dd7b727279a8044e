/** Running the `shrinkage` command in tests: in this process (fast) or as a real child process. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.js";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DIABETES = join(ROOT, "data/diabetes.csv");

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** main() with captured output, as the command line would run it. */
export async function run(argv: readonly string[], options: { tty?: boolean } = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stderrIsTTY: options.tty ?? false,
  });
  return { code, stdout, stderr };
}

/** The command as a child process: from source through tsx, or the built bin (dist/cli/main.js). */
export function spawn(argv: readonly string[], from: "source" | "dist" = "source"): Run {
  const entry = from === "source" ? ["--import", "tsx", join(ROOT, "src/cli/main.ts")] : [join(ROOT, "dist/cli/main.js")];
  const result = spawnSync(process.execPath, [...entry, ...argv], { cwd: ROOT, encoding: "utf8", env: { ...process.env, SHRINKAGE_DEBUG: "" } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const scratchDirs: string[] = [];
process.on("exit", () => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

/** A scratch file with this text (removed when the test process exits); returns its path. */
export function scratchFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "shrinkage-cli-"));
  scratchDirs.push(dir);
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The contract of a failure: non-zero exit, nothing on stdout, one line on stderr, no stack trace. */
export function assertOneLineError(r: Run, fragment: string | RegExp): void {
  const problems: string[] = [];
  if (r.code === 0) problems.push("exit code 0");
  if (r.stdout !== "") problems.push(`stdout not empty: ${JSON.stringify(r.stdout.slice(0, 200))}`);
  const lines = r.stderr.split("\n").filter((l) => l !== "");
  if (lines.length !== 1) problems.push(`${lines.length} lines on stderr: ${JSON.stringify(r.stderr.slice(0, 400))}`);
  if (!r.stderr.startsWith("shrinkage: ")) problems.push(`stderr does not start with "shrinkage: ": ${JSON.stringify(r.stderr)}`);
  if (/\n\s+at /.test(r.stderr)) problems.push("a stack trace");
  const matches = typeof fragment === "string" ? r.stderr.includes(fragment) : fragment.test(r.stderr);
  if (!matches) problems.push(`stderr ${JSON.stringify(r.stderr)} lacks ${String(fragment)}`);
  if (problems.length > 0) throw new Error(problems.join("; "));
}
