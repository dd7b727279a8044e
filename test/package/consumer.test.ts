// The packed package works for a consumer: `import { fitPath } from "shrinkage"` type-checks with the
// package's own declarations and runs, from a scratch project that installs the tarball.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

test("a scratch project installs the packed package, type-checks and runs an import of fitPath", () => {
  const dir = mkdtempSync(join(tmpdir(), "shrinkage-consumer-"));
  try {
    execFileSync("npm", ["pack", "--ignore-scripts", "--pack-destination", dir], { cwd: root, stdio: "pipe" });
    const tgz = readdirSync(dir).find((f) => f.endsWith(".tgz"))!;
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", type: "module", private: true }));
    execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", `./${tgz}`], { cwd: dir, stdio: "pipe" });
    writeFileSync(join(dir, "main.ts"), [
      'import { fitPath, coef, modelMatrix, type Path } from "shrinkage";',
      'import { cvPathParallel } from "shrinkage/node";',
      'const x = modelMatrix(["a", "b"], [[1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 6, 5]]);',
      "const path: Path = fitPath(x, [1.1, 1.9, 3.2, 3.9, 5.1, 6.2]);",
      "const b: Float64Array = coef(path, path.lambda[path.lambda.length - 1]).beta;",
      "const y = Array.from({ length: 40 }, (_, i) => Math.sin(i) + 0.1 * i);",
      "const x2 = modelMatrix([\"a\", \"b\"], [y.map((v, i) => v + Math.cos(3 * i)), y.map((_, i) => Math.cos(i))]);",
      "const cv = await cvPathParallel(x2, y, { nfolds: 4, seed: 1 }, { jobs: 2 });",
      'console.log(JSON.stringify({ n: path.lambda.length, b: Array.from(b), cvm: cv.cvm.length }));',
    ].join("\n"));
    // skipLibCheck as `tsc --init` sets it: Observable Plot's declarations import d3's, which it does not ship.
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
      compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, outDir: "out", skipLibCheck: true, types: [] },
      files: ["main.ts"],
    }));
    const tsc = join(root, "node_modules/typescript/bin/tsc");
    execFileSync(process.execPath, [tsc, "-p", "."], { cwd: dir, stdio: "pipe" });
    const out = JSON.parse(execFileSync(process.execPath, ["out/main.js"], { cwd: dir, encoding: "utf8" }));
    assert.ok(out.n > 5);
    assert.equal(out.b.length, 2);
    assert.ok(out.b[0] > 0.5, `coefficient of a: ${out.b[0]}`);
    assert.ok(out.cvm > 5, "cross-validation on worker threads from the installed package");
    // A type error in the consumer is caught by the package's declarations.
    writeFileSync(join(dir, "main.ts"), 'import { fitPath } from "shrinkage";\nconst n: string = fitPath.length;\n');
    assert.throws(() => execFileSync(process.execPath, [tsc, "-p", "."], { cwd: dir, stdio: "pipe" }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
