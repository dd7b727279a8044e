/**
 * The WebAssembly kernels in a real browser (Debian's Chromium via playwright-core), the engine bundled
 * with Vite as the lab bundles it: the module compiles synchronously on the main thread, fits run their
 * long kernel calls in WebAssembly and give the same path as the page's TypeScript kernels, bit for bit,
 * and the path Node computes: bit for bit for gaussian fits; for GLMs up to rounding, as Math.exp and
 * Math.log differ in the last bit between this V8 and Node's (about one value in ten).
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { blankPage, bundleLibrary, skipWithoutChromium as skip } from "../helpers/browser.js";
import { fitPath } from "../../src/solve/path.js";
import { randomProblem } from "../helpers/random.js";

let browser: Browser | undefined;
let page: Page;
let errors: string[] = [];

before(async () => {
  if (skip) return;
  const bundle = await bundleLibrary(new URL("./browser-entry.ts", import.meta.url), "engine");
  ({ browser, page, errors } = await blankPage());
  await page.addScriptTag({ type: "module", content: `${bundle}\nwindow.__engine = { fitPath, modelMatrix, kernelCalls, setKernels, Workspace, wasmKernelsAvailable };` });
  await page.waitForFunction("'__engine' in window");
});

after(async () => {
  await browser?.close();
});

test("the page compiles the kernels on its main thread and workspaces live in WebAssembly memory", { skip }, async () => {
  const fromPage = await page.evaluate(`(() => {
    const e = window.__engine;
    return { available: e.wasmKernelsAvailable(), wasm: e.Workspace.create(1 << 20).wasm };
  })()`);
  assert.deepEqual(fromPage, { available: true, wasm: true });
  assert.deepEqual(errors, []);
});

for (const c of [
  { name: "gaussian, naive updates", n: 203, p: 40, family: "gaussian" as const, opts: { updates: "naive" as const } },
  { name: "gaussian, covariance updates", n: 150, p: 12, family: "gaussian" as const, opts: {} },
  { name: "binomial elastic net", n: 181, p: 25, family: "binomial" as const, opts: { alpha: 0.5 } },
]) {
  test(`a fit in the page runs WebAssembly, equals the page's TypeScript kernels and Node's fit: ${c.name}`, { skip }, async () => {
    const { x, y } = randomProblem(c.n + 3 * c.p, c.n, c.p, { rho: 0.5, family: c.family });
    const opts = { ...c.opts, family: c.family };
    const node = fitPath(x, y, opts);
    const columns = Array.from({ length: c.p }, (_, j) => Array.from(x.data.subarray(j * c.n, (j + 1) * c.n)));
    const fromPage = await page.evaluate(`((columns, y, opts) => {
      const e = window.__engine;
      const x = e.modelMatrix(columns.map((_, j) => "x" + j), columns.map((col) => Float64Array.from(col)));
      const plain = (path) => ({
        npasses: path.npasses, lambda: Array.from(path.lambda), intercept: Array.from(path.intercept),
        devRatio: Array.from(path.devRatio), beta: path.beta.map((b) => ({ index: Array.from(b.index), value: Array.from(b.value) })),
      });
      e.setKernels("ts");
      const ts = plain(e.fitPath(x, y, opts));
      e.setKernels("wasm");
      const wasm0 = e.kernelCalls.wasm, fallback0 = e.kernelCalls.fallback;
      const path = plain(e.fitPath(x, y, opts));
      return {
        wasmCalls: e.kernelCalls.wasm - wasm0, fallbackCalls: e.kernelCalls.fallback - fallback0,
        sameAsTs: JSON.stringify(ts) === JSON.stringify(path), ...path,
      };
    })(${JSON.stringify(columns)}, ${JSON.stringify(Array.from(y))}, ${JSON.stringify(opts)})`) as {
      wasmCalls: number; fallbackCalls: number; sameAsTs: boolean; npasses: number; lambda: number[]; intercept: number[]; devRatio: number[];
      beta: { index: number[]; value: number[] }[];
    };
    assert.ok(fromPage.wasmCalls > 0, "no kernel call ran WebAssembly in the page");
    assert.equal(fromPage.fallbackCalls, 0);
    assert.ok(fromPage.sameAsTs, "the page's WebAssembly and TypeScript kernels gave different paths");
    assert.equal(fromPage.lambda.length, node.lambda.length);
    if (c.family === "gaussian") {
      // JSON carries doubles exactly (shortest round-trip form), so equality here is bit equality.
      assert.equal(fromPage.npasses, node.npasses);
      assert.deepEqual(fromPage.lambda, Array.from(node.lambda));
      assert.deepEqual(fromPage.intercept, Array.from(node.intercept));
      assert.deepEqual(fromPage.devRatio, Array.from(node.devRatio));
      assert.deepEqual(fromPage.beta, node.beta.map((b) => ({ index: Array.from(b.index), value: Array.from(b.value) })));
    } else {
      const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
      fromPage.lambda.forEach((v, k) => assert.ok(close(v, node.lambda[k]), `λ[${k}]`));
      fromPage.intercept.forEach((v, k) => assert.ok(close(v, node.intercept[k]), `intercept[${k}]: ${v} vs ${node.intercept[k]}`));
      fromPage.devRatio.forEach((v, k) => assert.ok(close(v, node.devRatio[k]), `devRatio[${k}]`));
    }
    assert.deepEqual(errors, []);
  });
}
