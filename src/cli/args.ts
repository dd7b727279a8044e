/**
 * Command-line option parsing, driven by a declarative list of options so that `--help` and the parser
 * can never disagree. Every failure is an OptionError naming the option, and an unknown option gets
 * the nearest known one as a suggestion.
 */
import { cellReader, describeProblem } from "../data/cells.js";
import { nearestName } from "../data/nearest.js";
import { OptionError } from "../errors.js";

export type OptionKind =
  | "flag" // --name, no value
  | "number"
  | "integer"
  | "string"
  | "choice" // one of `choices`
  | "list" // a,b,c (repeatable: lists add up)
  | "numbers" // 1,0.5,0.1
  | "map"; // name=v,name=v (repeatable)

export interface OptionSpec {
  /** The name without dashes: "alpha" is --alpha. */
  readonly name: string;
  readonly kind: OptionKind;
  /** One line of help. */
  readonly help: string;
  /** Placeholder for the value in help ("COL", "A"). */
  readonly value?: string;
  /** The default, as shown in help (the code applying it lives with the command). */
  readonly default?: string;
  readonly choices?: readonly string[];
  /** For numbers: a reason the value is out of range, or null when it is fine. */
  readonly check?: (value: number) => string | null;
  /**
   * The library option this flag sets, as the library's messages name it (e.g. "lambdaMinRatio"): there
   * the command line says --name instead (library-errors.ts). Set by `settingLibraryOptions`; given only
   * where the library spells it otherwise than camelCase(name) (--folds sets nfolds).
   */
  readonly api?: string;
}

/** "lambda-min-ratio" → "lambdaMinRatio". */
export function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Flags that set the library option of their name: each with its api name (camelCase of the name unless given). */
export function settingLibraryOptions(specs: readonly OptionSpec[]): OptionSpec[] {
  return specs.map((spec) => ({ ...spec, api: spec.api ?? camelCase(spec.name) }));
}

export type OptionValue = boolean | number | string | readonly string[] | readonly number[] | Readonly<Record<string, number>>;

export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly values: ReadonlyMap<string, OptionValue>;
  readonly help: boolean;
}

const plainNumber = cellReader();

/**
 * A plain decimal number (1e-3, .5, -2, +3, surrounding spaces allowed), else NaN: the syntax a data
 * cell has, not JavaScript's Number, which also takes "0x10", "0b1", "" and " ".
 */
export function readPlainNumber(text: string): number {
  return plainNumber.read(text);
}

/** A number as a person types it on the command line; Inf/-Inf allowed only where said. */
function parseNumber(text: string, option: string, allowInfinite = false): number {
  const v = readPlainNumber(text);
  if (!Number.isNaN(v)) return v;
  if (allowInfinite) {
    const t = text.trim().toLowerCase();
    if (t === "inf" || t === "+inf" || t === "infinity") return Infinity;
    if (t === "-inf" || t === "-infinity") return -Infinity;
  }
  // A number past ±1.8e308 is a number, only too large: said as a data cell's is.
  const why = plainNumber.problem(text) === "overflow" ? describeProblem(text, "overflow") : `${JSON.stringify(text)} is not a number`;
  throw new OptionError(`--${option}: ${why}`, option);
}

function checked(spec: OptionSpec, value: number, shown: string): number {
  if (spec.kind === "integer" && !Number.isInteger(value)) throw new OptionError(`--${spec.name}: ${shown} is not a whole number`, spec.name);
  const problem = spec.check?.(value) ?? null;
  if (problem !== null) throw new OptionError(`--${spec.name}: ${shown} ${problem}`, spec.name);
  return value;
}

/**
 * Comma-separated items; an empty one ("1,,2", "a,") is an error rather than skipped. An item with a
 * comma of its own is quoted as in CSV ("income, net",age; a quote inside doubled: "a ""b""").
 */
function splitList(text: string, spec: OptionSpec): string[] {
  const items = text.includes('"') ? splitQuoted(text, spec) : text.split(",").map((s) => s.trim());
  if (items.every((s) => s === "")) return [];
  if (items.includes("")) throw new OptionError(`--${spec.name}: ${JSON.stringify(text)} has an empty item between commas`, spec.name);
  return items;
}

/** Split on commas outside double quotes; a quoted item is taken as written, its quotes removed. */
function splitQuoted(text: string, spec: OptionSpec): string[] {
  const items: string[] = [];
  let i = 0;
  for (;;) {
    while (text[i] === " ") i++;
    let item = "";
    if (text[i] === '"') {
      const start = i;
      for (i++; ; i++) {
        if (i >= text.length) throw new OptionError(`--${spec.name}: ${JSON.stringify(text.slice(start))} has no closing quote`, spec.name);
        if (text[i] === '"' && text[i + 1] === '"') {
          item += '"';
          i++;
        } else if (text[i] === '"') break;
        else item += text[i];
      }
      // After the closing quote only spaces may come before the next comma (as in "a,b"=1 they may not).
      const rest = /^[^,]*/.exec(text.slice(i + 1))![0];
      if (rest.trim() !== "" && !(spec.kind === "map" && rest.trim().startsWith("="))) {
        throw new OptionError(`--${spec.name}: ${JSON.stringify(text.slice(start, i + 1 + rest.length))} has text after its closing quote`, spec.name);
      }
      item += rest.trimEnd();
      i += 1 + rest.length;
    } else {
      const rest = /^[^,]*/.exec(text.slice(i))![0];
      item = rest.trim();
      i += rest.length;
    }
    items.push(item);
    if (i >= text.length) return items;
    i++; // the comma
  }
}

/** name=v,name=v; the value follows the last "=" so that names like "sex=M" work. */
function parseMap(text: string, spec: OptionSpec, previous: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = { ...previous };
  for (const item of splitList(text, spec)) {
    const at = item.lastIndexOf("=");
    if (at <= 0) throw new OptionError(`--${spec.name}: ${JSON.stringify(item)} should be name=value`, spec.name);
    const name = item.slice(0, at).trim();
    if (name in out) throw new OptionError(`--${spec.name}: ${JSON.stringify(name)} is given twice`, spec.name);
    out[name] = checked(spec, parseNumber(item.slice(at + 1), spec.name, true), `${name}=${item.slice(at + 1).trim()}`);
  }
  return out;
}

function parseValue(spec: OptionSpec, text: string, previous: OptionValue | undefined): OptionValue {
  // Lists and maps add up over repeats; any other option given twice would silently lose a value.
  if (previous !== undefined && spec.kind !== "list" && spec.kind !== "map") {
    throw new OptionError(`--${spec.name} is given twice; give it once`, spec.name);
  }
  switch (spec.kind) {
    case "flag":
      throw new OptionError(`--${spec.name} takes no value`, spec.name);
    case "number":
    case "integer":
      return checked(spec, parseNumber(text, spec.name), text);
    case "string":
      if (text === "") throw new OptionError(`--${spec.name} needs a value`, spec.name);
      return text;
    case "choice": {
      const choices = spec.choices ?? [];
      if (choices.includes(text)) return text;
      const near = nearestName(text, choices);
      throw new OptionError(
        `--${spec.name}: ${JSON.stringify(text)} is not one of ${choices.join(", ")}${near !== null ? `; did you mean ${near}?` : ""}`,
        spec.name,
      );
    }
    case "list": {
      const items = splitList(text, spec);
      if (items.length === 0) throw new OptionError(`--${spec.name} needs a comma-separated list`, spec.name);
      const all = [...((previous as readonly string[] | undefined) ?? []), ...items];
      // A name given twice (in one list or over repeats) is a slip, as in a map: say so rather than drop it.
      const twice = all.find((item, i) => all.indexOf(item) !== i);
      if (twice !== undefined) throw new OptionError(`--${spec.name}: ${JSON.stringify(twice)} is given twice`, spec.name);
      return all;
    }
    case "numbers": {
      const items = splitList(text, spec);
      if (items.length === 0) throw new OptionError(`--${spec.name} needs a comma-separated list of numbers`, spec.name);
      return items.map((item) => checked(spec, parseNumber(item, spec.name), item));
    }
    case "map":
      return parseMap(text, spec, (previous as Readonly<Record<string, number>> | undefined) ?? {});
  }
}

/** Whether a token is a negative number (a value, not an option). */
function looksNumeric(token: string): boolean {
  return !Number.isNaN(readPlainNumber(token));
}

/** Parse argv (after the command name) against the command's options. */
export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[], command: string): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const values = new Map<string, OptionValue>();
  const positionals: string[] = [];
  // --help wins over everything else on the line, so a person can always get to it.
  const help = argv.some((a) => a === "--help" || a === "-h");
  if (help) return { positionals, values, help };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith("-") || token === "-" || looksNumeric(token)) {
      positionals.push(token);
      continue;
    }
    const body = token.replace(/^--?/, "");
    const eq = body.indexOf("=");
    const name = eq >= 0 ? body.slice(0, eq) : body;
    const spec = byName.get(name);
    if (spec === undefined || !token.startsWith("--")) {
      const near = nearestName(name, [...byName.keys()]);
      throw new OptionError(
        `unknown option ${token.split("=")[0]}${near !== null ? `; did you mean --${near}?` : ""} (see shrinkage ${command} --help)`,
        name,
      );
    }
    if (spec.kind === "flag") {
      if (eq >= 0) throw new OptionError(`--${name} takes no value`, name);
      values.set(name, true);
      continue;
    }
    let text: string;
    if (eq >= 0) text = body.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith("--") && !looksNumeric(next))) {
        throw new OptionError(`--${name} needs a value${spec.value ? ` (${spec.value})` : ""}`, name);
      }
      text = next;
      i++;
    }
    values.set(name, parseValue(spec, text, values.get(name)));
  }
  return { positionals, values, help };
}

// Typed reads of parsed values (the spec's kind guarantees the type).
export function flag(args: ParsedArgs, name: string): boolean {
  return args.values.get(name) === true;
}
export function numberOption(args: ParsedArgs, name: string): number | undefined {
  return args.values.get(name) as number | undefined;
}
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  return args.values.get(name) as string | undefined;
}
export function listOption(args: ParsedArgs, name: string): readonly string[] | undefined {
  return args.values.get(name) as readonly string[] | undefined;
}
export function numbersOption(args: ParsedArgs, name: string): readonly number[] | undefined {
  return args.values.get(name) as readonly number[] | undefined;
}
export function mapOption(args: ParsedArgs, name: string): Readonly<Record<string, number>> | undefined {
  return args.values.get(name) as Readonly<Record<string, number>> | undefined;
}

/** Help text: usage, description, and one line per option with its default. */
export function formatHelp(usage: string, description: string, specs: readonly OptionSpec[]): string {
  const left = (s: OptionSpec) => {
    const value = s.kind === "flag" ? "" : ` ${s.value ?? (s.kind === "choice" ? (s.choices ?? []).join("|") : "V")}`;
    return `  --${s.name}${value}`;
  };
  const width = Math.min(36, Math.max(...specs.map((s) => left(s).length)) + 2);
  const lines = specs.map((s) => {
    const head = left(s);
    const text = s.help + (s.default !== undefined ? ` (default: ${s.default})` : "");
    return head.length + 2 > width ? `${head}\n${" ".repeat(width)}${text}` : head.padEnd(width) + text;
  });
  return `Usage: ${usage}\n\n${description}\n\nOptions:\n${lines.join("\n")}\n  --help${" ".repeat(Math.max(2, width - 8))}show this help\n`;
}
