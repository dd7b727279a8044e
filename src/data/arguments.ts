/**
 * Checking the arguments of the public API, in one place: each options object has a schema (one rule per
 * option, see solve/option-schema.ts), and the matrices, outcomes and paths every entry takes have a
 * check each. A failure is an OptionError naming the argument, what it should be and what it was; an
 * unknown option names the nearest known one, as the command line does.
 */
import { OptionError } from "../errors.js";
import { nearestName } from "./nearest.js";

/** Checks one option's value (never undefined: an option left out takes its default); throws OptionError. */
export type Rule = (value: unknown, name: string) => void;

/** The rules of an options object: one per option it accepts. */
export type Schema<T> = { readonly [K in keyof Required<T>]: Rule };

/** A value as a message shows it: short, and its type when that is the fault. */
export function shown(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return "a symbol";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return "an object";
}

/**
 * Check an options object against its schema: an object (or undefined, all defaults), every key known
 * (else the nearest known name), every value given passing its rule. `what` names the function.
 */
export function checkOptions<T>(what: string, options: unknown, schema: Schema<T>): void {
  if (options === undefined) return;
  const at = what === "" ? "" : `${what}: `;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new OptionError(`${at}the options must be an object such as { alpha: 0.5 }, got ${shown(options)}`, "options");
  }
  const known = Object.keys(schema);
  for (const [key, value] of Object.entries(options)) {
    const rule = Object.prototype.hasOwnProperty.call(schema, key) ? (schema as Record<string, Rule>)[key] : undefined;
    if (rule === undefined) {
      const near = nearestName(key, known);
      const others = known.length === 0 ? " (none apply here)" : ` (the options are ${known.join(", ")})`;
      throw new OptionError(`${at}unknown option ${JSON.stringify(key)}${near !== null ? `; did you mean ${JSON.stringify(near)}?` : others}`, key);
    }
    if (value !== undefined) rule(value, key);
  }
}

function fail(name: string, should: string, value: unknown): never {
  throw new OptionError(`${name} must be ${should}, got ${shown(value)}`, name);
}

/** Bounds of a number option: inclusive min/max unless marked open; `integer` for counts. */
export interface NumberBounds {
  readonly min?: number;
  readonly max?: number;
  readonly above?: number;
  readonly below?: number;
  readonly integer?: boolean;
}

/** What a bounded number is, in words: "a number between 0 and 1", "an integer ≥ 1". */
function numberWords(b: NumberBounds): string {
  const kind = b.integer ? "an integer" : "a number";
  if (b.min !== undefined && b.max !== undefined) return `${kind} between ${b.min} and ${b.max}`;
  if (b.above !== undefined && b.below !== undefined) return `${kind} strictly between ${b.above} and ${b.below}`;
  if (b.above !== undefined && b.max !== undefined) return `${kind} in (${b.above}, ${b.max}]`;
  if (b.min !== undefined && b.below !== undefined) return `${kind} in [${b.min}, ${b.below})`;
  if (b.min !== undefined) return `${kind} ≥ ${b.min}`;
  if (b.above !== undefined) return `${kind} > ${b.above}`;
  if (b.max !== undefined) return `${kind} ≤ ${b.max}`;
  return `a finite ${kind.slice(kind.indexOf(" ") + 1)}`;
}

/** Whether v is a finite number within the bounds. */
function within(v: unknown, b: NumberBounds): v is number {
  return typeof v === "number" && Number.isFinite(v) && (!b.integer || Number.isInteger(v)) &&
    !(b.min !== undefined && v < b.min) && !(b.max !== undefined && v > b.max) &&
    !(b.above !== undefined && v <= b.above) && !(b.below !== undefined && v >= b.below);
}

/** A finite number (an integer if asked) within bounds. */
export function numberRule(bounds: NumberBounds = {}): Rule {
  return (v, name) => {
    if (!within(v, bounds)) fail(name, numberWords(bounds), v);
  };
}

/** true or false. */
export const booleanRule: Rule = (v, name) => {
  if (typeof v !== "boolean") fail(name, "true or false", v);
};

/** One of a list of strings. */
export function choiceRule(choices: () => readonly string[]): Rule {
  return (v, name) => {
    const list = choices();
    if (typeof v === "string" && list.includes(v)) return;
    const near = typeof v === "string" ? nearestName(v, list) : null;
    fail(name, `one of ${list.map((c) => JSON.stringify(c)).join(", ")}${near !== null ? ` (did you mean ${JSON.stringify(near)}?)` : ""}`, v);
  };
}

/** A string, or null when `nullable`. */
export function stringRule(nullable = false): Rule {
  return (v, name) => {
    if (typeof v === "string" || (nullable && v === null)) return;
    fail(name, nullable ? "a string or null" : "a string", v);
  };
}

/** Whether v is an array or a typed array (not a DataView). */
export function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

/** An array (or typed array) of numbers within bounds; `nonEmpty` refuses []. A lone number is named as such. */
export function numbersRule(bounds: NumberBounds = {}, nonEmpty = false): Rule {
  return (v, name) => {
    if (typeof v === "number") fail(name, `an array of numbers (write [${v}] for one value)`, v);
    if (!isArrayLike(v)) fail(name, "an array of numbers", v);
    if (nonEmpty && v.length === 0) fail(name, "an array of at least one number", v);
    for (let i = 0; i < v.length; i++) {
      if (!within(v[i], bounds)) throw new OptionError(`${name}[${i}] must be ${numberWords(bounds)}, got ${shown(v[i])}`, name);
    }
  };
}

/** An array (or typed array) of numbers, their values checked where they are used (naming rows). */
export const numericArrayRule: Rule = (v, name) => {
  if (typeof v === "number") fail(name, `an array of numbers, one per row (not a single number)`, v);
  if (!isArrayLike(v)) fail(name, "an array of numbers, one per row", v);
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== "number") throw new OptionError(`${name}[${i}] must be a number, got ${shown(v[i])}`, name);
  }
};

/**
 * A per-feature setting: one number, an array of numbers, or { featureName: number }. Its values' bounds
 * and names are checked by the fit, which names the feature at fault.
 */
export const perFeatureRule: Rule = (v, name) => {
  if (typeof v === "number") return;
  if (isArrayLike(v)) return numericArrayRule(v, name);
  if (v === null || typeof v !== "object") fail(name, "a number, an array of numbers or { feature: number }", v);
  for (const [key, x] of Object.entries(v)) {
    if (typeof x !== "number") throw new OptionError(`${name}.${key} must be a number, got ${shown(x)}`, name);
  }
};

/** Feature positions or names. */
export const featureListRule: Rule = (v, name) => {
  if (!isArrayLike(v)) fail(name, "an array of feature names or positions", v);
  for (let i = 0; i < v.length; i++) {
    const e = v[i];
    if (typeof e !== "string" && !(typeof e === "number" && Number.isInteger(e))) {
      throw new OptionError(`${name}[${i}] must be a feature name or a position (an integer), got ${shown(e)}`, name);
    }
  }
};

/** A function (callbacks). */
export const functionRule: Rule = (v, name) => {
  if (typeof v !== "function") fail(name, "a function", v);
};

/** The value is checked where it is used (a structured option with rules of its own there). */
export const checkedWhereUsed: Rule = () => undefined;

/**
 * An outcome: an array (or typed array) of `n` numbers, one per row of X. Their values (finite, of the
 * family's kind) are the family's to check, naming rows.
 */
export function checkOutcome(what: string, y: unknown, n: number, name = "y"): asserts y is ArrayLike<number> {
  if (!isArrayLike(y)) throw new OptionError(`${what}: ${name} must be an array of numbers, one per row, got ${shown(y)}`, name);
  if (y.length !== n) throw new OptionError(`${what}: ${name} has ${y.length} values but X has ${n} rows`, name);
  for (let i = 0; i < y.length; i++) {
    if (typeof y[i] !== "number") throw new OptionError(`${what}: ${name}[${i}] must be a number, got ${shown(y[i])}`, name);
  }
}

/**
 * Check a function's positional arguments, given by name ({ path, x } in the call), each against its rule;
 * a failure is an OptionError "what: name must be …, got …" whose option is the argument's name.
 * Rules are checked in the order given, so the first argument at fault is the one named.
 */
export function checkArguments(what: string, values: Readonly<Record<string, unknown>>, rules: Readonly<Record<string, Rule>>): void {
  for (const [name, rule] of Object.entries(rules)) {
    try {
      rule(values[name], name);
    } catch (e) {
      if (e instanceof OptionError && !e.message.startsWith(`${what}: `)) throw new OptionError(`${what}: ${e.message}`, e.option ?? name);
      throw e;
    }
  }
}

/** The rule, or nothing: undefined passes (the argument takes its default). */
export function optional(rule: Rule): Rule {
  return (v, name) => {
    if (v !== undefined) rule(v, name);
  };
}

/**
 * An options object checked against its schema (unknown keys name the nearest known one); `required`
 * when the function has no defaults for some of them (then undefined is refused too).
 */
export function optionsRule<T>(schema: Schema<T>, required = false): Rule {
  return (v, name) => {
    if ((required && v === undefined) || (v !== undefined && (v === null || typeof v !== "object" || isArrayLike(v)))) {
      fail(name, `an options object such as { ${Object.keys(schema)[0]}: … }`, v);
    }
    checkOptions("", v, schema);
  };
}

/** A plain object (not null, not an array): its fields are checked where they are used. */
export function objectRule(should = "an object"): Rule {
  return (v, name) => {
    if (v === null || typeof v !== "object" || isArrayLike(v)) fail(name, should, v);
  };
}

/** An object holding the named fields, each passing its rule (other fields are not checked). */
export function fieldsRule(should: string, fields: Readonly<Record<string, Rule>>): Rule {
  return (v, name) => {
    if (v === null || typeof v !== "object" || isArrayLike(v)) fail(name, should, v);
    for (const [key, rule] of Object.entries(fields)) rule((v as Record<string, unknown>)[key], `${name}.${key}`);
  };
}

/** An array whose every element passes `rule` (named name[i]). */
export function arrayOfRule(rule: Rule, should = "an array"): Rule {
  return (v, name) => {
    if (!isArrayLike(v)) fail(name, should, v);
    for (let i = 0; i < v.length; i++) rule(v[i], `${name}[${i}]`);
  };
}

/** Passes when any of the rules does; else fails with `should`. */
export function eitherRule(should: string, ...rules: Rule[]): Rule {
  return (v, name) => {
    for (const rule of rules) {
      try {
        rule(v, name);
        return;
      } catch (e) {
        if (!(e instanceof OptionError)) throw e;
      }
    }
    fail(name, should, v);
  };
}

/** Rules shared by the public entries' argument checks. */
export const finiteNumber: Rule = numberRule();
export const nonNegativeNumber: Rule = (v, name) => {
  if (!(typeof v === "number" && Number.isFinite(v) && v >= 0)) fail(name, "a finite number ≥ 0", v);
};
export const unitInterval: Rule = numberRule({ min: 0, max: 1 });
export const countRule: Rule = numberRule({ integer: true, min: 0 });
export const finiteNumbers: Rule = numbersRule();
export const stringValue: Rule = stringRule();
export const stringsRule: Rule = arrayOfRule(stringRule(), "an array of strings");

