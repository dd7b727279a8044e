import { OptionError } from "../../errors.js";
import type { MultiFamily, MultiFamilyName } from "../multi-family.js";
import { mgaussian } from "./mgaussian.js";
import { multinomial } from "./multinomial.js";

/** The registry of the multi-response families, by name (the single-response ones are in index.ts). */
const REGISTRY: Readonly<Record<MultiFamilyName, MultiFamily>> = { multinomial, mgaussian };

/** The names of the multi-response families (multinomial, mgaussian). */
export const MULTI_FAMILIES: readonly MultiFamilyName[] = Object.keys(REGISTRY) as MultiFamilyName[];

/** Whether a value names a multi-response family. */
export function isMultiFamilyName(name: unknown): name is MultiFamilyName {
  return typeof name === "string" && Object.hasOwn(REGISTRY, name);
}

/** The multi-response family of that name; an OptionError naming `option` for any other. */
export function multiFamilyOf(name: unknown, option = "family"): MultiFamily {
  if (!isMultiFamilyName(name)) throw new OptionError(`family must be one of ${MULTI_FAMILIES.join(", ")}, got "${String(name)}"`, option);
  return REGISTRY[name];
}

export { multinomial, mgaussian };
