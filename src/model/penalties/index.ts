import type { Penalty, PenaltyName, PenaltySettings } from "../penalty.js";
import { ElasticNet } from "./elastic-net.js";
import { Mcp } from "./mcp.js";
import { Scad } from "./scad.js";
import { checkArguments, choiceRule, fieldsRule, unitInterval, numericArrayRule } from "../../data/arguments.js";

/** The registry: every penalty the path fits, by name. Adding a penalty is one file and one line here. */
const REGISTRY: Readonly<Record<PenaltyName, (s: PenaltySettings) => Penalty>> = {
  "elastic-net": (s) => new ElasticNet(s),
  mcp: (s) => new Mcp(s),
  scad: (s) => new Scad(s),
};

/** The penalty of that name with these settings. */
export function penaltyOf(name: PenaltyName, settings: PenaltySettings): Penalty {
  checkArguments("penaltyOf", { name, settings }, { name: choiceRule(() => Object.keys(REGISTRY)), settings: fieldsRule("penalty settings { alpha, vp, lower, upper, gamma? }", { alpha: unitInterval, vp: numericArrayRule }) });
  return REGISTRY[name](settings);
}

export { ElasticNet, elasticNetPenalty, softThreshold } from "./elastic-net.js";
export { Mcp, mcpValue, mcpDerivative } from "./mcp.js";
export { Scad, scadValue, scadDerivative } from "./scad.js";
export { checkGamma, defaultGamma } from "./concave.js";
// A block penalty (BlockPenalty), not in the registry above, which maps names to coordinate penalties:
// the grouped multinomial and mgaussian solvers construct it themselves.
export { GroupElasticNet } from "./group-elastic-net.js";
