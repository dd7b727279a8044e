import { kernelChoice, setKernels, Workspace } from "../../src/linalg/workspace.js";

/**
 * A WebAssembly workspace of `doubles`, whatever SHRINKAGE_KERNELS says (under "ts" Workspace.create gives
 * plain arrays, and kernels under test would not run in WebAssembly at all).
 */
export function wasmWorkspace(doubles: number): Workspace {
  const choice = kernelChoice();
  try {
    setKernels("wasm");
    return Workspace.create(doubles, false, true);
  } finally {
    setKernels(choice);
  }
}
