import { OptionError } from "../../errors.js";

/** The penalties whose price falls as a coefficient grows (ncvreg's), and their smallest valid γ. */
export type ConcaveName = "mcp" | "scad";

const GAMMA_FLOOR: Readonly<Record<ConcaveName, number>> = { mcp: 1, scad: 2 };
const GAMMA_DEFAULT: Readonly<Record<ConcaveName, number>> = { mcp: 3, scad: 3.7 };

/** ncvreg's default γ: 3 for MCP, 3.7 for SCAD (Fan and Li's choice). */
export function defaultGamma(name: ConcaveName): number {
  return GAMMA_DEFAULT[name];
}

/**
 * γ checked as ncvreg checks it: MCP needs γ > 1 and SCAD γ > 2, or the one-coordinate problem stops
 * being convex even on standardized data. `option` names the option at fault (`gamma`, `--gamma`).
 */
export function checkGamma(name: ConcaveName, gamma: number, option = "gamma", label = option): number {
  const floor = GAMMA_FLOOR[name];
  if (typeof gamma !== "number" || !Number.isFinite(gamma) || gamma <= floor) {
    throw new OptionError(`${label} must be a number greater than ${floor} for ${name.toUpperCase()}, got ${String(gamma)}`, option);
  }
  return gamma;
}

/** The γ of a concave penalty's settings, checked. */
export function gammaOf(name: ConcaveName, gamma: number | undefined): number {
  return checkGamma(name, gamma ?? defaultGamma(name));
}

/** sign(z)·t, with sign(0) = 0 (ncvreg's s). */
export function signed(z: number, t: number): number {
  return z > 0 ? t : z < 0 ? -t : 0;
}
