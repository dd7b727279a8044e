export * from "./errors.js";
export * from "./data/matrix.js";
export type { Family } from "./model/family.js";
export type * from "./solve/types.js";
export { fitPath } from "./solve/path.js";
