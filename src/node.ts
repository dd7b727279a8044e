// Node-only additions to the public API (worker threads): import from "shrinkage/node".
export * from "./index.js";
export { cvPathParallel } from "./cv/parallel.node.js";
export type { ParallelOptions } from "./threads.node.js";
export { runExperimentParallel } from "./simulate/parallel.node.js";
export { stabilityParallel } from "./simulate/stability.node.js";
