// A library message as the command line says it: the library's option names become the CLI's flags.
import { DataError, NoSolutionError, OptionError } from "../errors.js";
import type { OptionSpec } from "./args.js";

/**
 * A single-word name after one of these is a noun of the prose ("the penalty", "its measure"), not the
 * option; a camelCase name (standardizeResponse) is the option wherever it stands.
 */
const NOUN_BEFORE = "(?<!\\b(?:the|a|an|its|their|this|that|each|every|no|any|of|per|whose)\\s+)(?<!'s\\s+)";

/**
 * The roles of a data column (buildDesign's options) whose names the library's prose also uses as plain
 * words ("a Poisson offset", "working weights", "a row must start", "ignore some columns", "weights
 * column", "; weights must be ≥ 0"): one is the option only where it stands as one, as the subject of
 * a message or of what follows its colon ("weights are all zero", "fold 2 (…): offset has 3 values"), or
 * in "both A and B" ("cannot be both offset and weights").
 */
const DATA_ROLES = new Set(["target", "ignore", "weights", "offset", "status", "start", "strata"]);

/**
 * A data role's name where it stands as the option (DATA_ROLES): the subject ("status must name …",
 * "strata applies to …"), in "both A and B", or alone in parentheses ("leave the column out (ignore)").
 */
function rolePattern(api: string): RegExp {
  const subject = `(?<=^|:\\s)${api}(?=\\s+(?:is|are|has|have|must|applies)\\b)`;
  const paired = `(?<=\\bboth\\s|\\bboth\\s\\S+\\sand\\s)${api}(?![\\w\\-"'\`[]|\\.\\w)`;
  const named = `(?<=\\()${api}(?=\\))`;
  return new RegExp(`${subject}|${paired}|${named}`, "g");
}

/**
 * Library names of another function's options that a flag sets under its own api name: scanSource's
 * folds.folds (a fold-key's number of folds) is --folds, whose api is cvPath's nfolds. Each is the option
 * only alone in parentheses ("ask for fewer folds (folds)"); elsewhere it is a word of the prose.
 */
const ALSO_NAMED = new Map([["folds", "nfolds"]]);

/** The library's name for each flag of `options` that sets a library option (its `api`), and the flag. */
function flagsByApiName(options: readonly OptionSpec[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of options) if (o.api !== undefined) out.set(o.api, `--${o.name}`);
  return out;
}

/** The pattern of an option name standing as a word of its own (not inside --a-flag, "a string", a.path or a[1]). */
function namePattern(api: string): RegExp {
  if (DATA_ROLES.has(api)) return rolePattern(api);
  const noun = /[A-Z0-9]/.test(api) ? "" : NOUN_BEFORE;
  return new RegExp(`${noun}(?<![\\w.\\-"'\`])${api}(?![\\w\\-"'\`[]|\\.\\w)`, "g");
}

/**
 * `message` with every library option name of `options` replaced by its flag, e.g. "raise maxit" →
 * "raise --maxit", "fit without standardizeResponse" → "fit without --standardize-response".
 */
export function messageInCliTerms(message: string, options: readonly OptionSpec[]): string {
  let out = message;
  const flags = flagsByApiName(options);
  for (const [api, flag] of flags) out = out.replace(namePattern(api), flag);
  for (const [name, api] of ALSO_NAMED) {
    const flag = flags.get(api);
    if (flag !== undefined && !flags.has(name)) out = out.replace(new RegExp(`(?<=\\()${name}(?=\\))`, "g"), flag);
  }
  return out;
}

/**
 * The error in the command line's terms (messageInCliTerms): an OptionError, NoSolutionError or DataError
 * whose message names a library option, with its option field the flag's name. Its class, column and row
 * stay; any other error is as it was.
 */
export function inCliTerms(error: unknown, options: readonly OptionSpec[]): unknown {
  if (!(error instanceof OptionError || error instanceof NoSolutionError || error instanceof DataError)) return error;
  const message = messageInCliTerms(error.message, options);
  if (message === error.message) return error;
  if (error instanceof DataError) return new DataError(message, error.column, error.row);
  const flag = error.option === undefined ? undefined : flagsByApiName(options).get(error.option)?.slice(2) ?? error.option;
  return error instanceof OptionError ? new OptionError(message, flag) : new NoSolutionError(message, flag);
}
