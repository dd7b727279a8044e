// What test/linalg/browser.test.ts runs in the page: the engine and its kernels, bundled as the lab bundles them.
export { fitPath } from "../../src/solve/path.js";
export { modelMatrix } from "../../src/data/matrix.js";
export { kernelCalls } from "../../src/linalg/kernels.js";
export { setKernels, Workspace, wasmKernelsAvailable } from "../../src/linalg/workspace.js";
