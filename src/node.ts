// Node-only additions to the public API (worker threads): import from "shrinkage/node".
export * from "./index.js";
import "./linalg/second-core.node.js";
export { cvPathParallel } from "./cv/parallel.node.js";
export { cvMultiPathParallel } from "./cv/multi-parallel.node.js";
export { cvSparsePathParallel, cvSparseMultiPathParallel } from "./cv/sparse-parallel.node.js";
export type { ParallelOptions } from "./threads.node.js";
export { runExperimentParallel } from "./simulate/parallel.node.js";
export { stabilityParallel } from "./simulate/stability.node.js";
export { openSource } from "./source/open.node.js";
export { scanSource, type Engine, type FoldSpec, type SourceStats } from "./source/scan.js";
export { fitFromStats, cvFromStats, sourceMoments, type SourceCv } from "./source/fit.js";
export { parseLocation, type Location } from "./source/location.js";
export { foldOfKey } from "./source/fold-key.node.js";
export { fitGlmFromSource } from "./source/irls.js";
export { cvGlmFromSource } from "./source/glm-cv.js";
export { explainFromStats, explainGlmFromSource } from "./explain/source.js";
export { dropCostsFromStats, dropCostsGlmFromSource, type SourceDropOptions } from "./explain/source-drop.js";
export { rowsWithMoments } from "./source/moment-rows.js";
