import { OptionError } from "../../errors.js";
import type { Family, FamilyName } from "../family.js";
import { binomial } from "./binomial.js";
import { cox } from "./cox.js";
import { gaussian } from "./gaussian.js";
import { poisson } from "./poisson.js";
import { checkArguments, functionRule } from "../../data/arguments.js";

/** The registry: every family the engine fits, by name. Adding a family is one file and one line here. */
const REGISTRY: Readonly<Record<FamilyName, Family>> = { gaussian, binomial, poisson, cox };

/** The names of every registered family, in registry order. */
export const FAMILIES: readonly FamilyName[] = Object.keys(REGISTRY) as FamilyName[];

/** Whether a value names a registered family. */
export function isFamilyName(name: unknown): name is FamilyName {
  return typeof name === "string" && Object.hasOwn(REGISTRY, name);
}

/** The family of that name; an OptionError naming `option` for any other. */
export function familyOf(name: unknown, option = "family"): Family {
  if (!isFamilyName(name)) throw new OptionError(`family must be one of ${FAMILIES.join(", ")}, got "${String(name)}"`, option);
  return REGISTRY[name];
}

/** The families whose cross-validation offers a measure (to say where a measure belongs). */
export function familiesWithMeasure(measure: string): Family[] {
  return FAMILIES.map((f) => REGISTRY[f]).filter((f) => (f.measures as readonly string[]).includes(measure));
}

/** The names of the families with a property (`simulate !== null`, `outcome === "binary"`), in registry order. */
export function familiesWhere(test: (family: Family) => boolean): FamilyName[] {
  checkArguments("familiesWhere", { test }, { test: functionRule });
  return FAMILIES.filter((f) => test(REGISTRY[f]));
}

/** Family names as a message lists the choices: "a", "a or b", "a, b or c". */
export function eitherOf(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}

export { gaussian, binomial, poisson, cox };
