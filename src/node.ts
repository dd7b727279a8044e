// Node-only additions to the public API (worker threads): import from "shrinkage/node".
export * from "./index.js";
export { cvPathParallel, type ParallelOptions } from "./cv/parallel.node.js";
export { runExperimentParallel } from "./simulate/parallel.node.js";
