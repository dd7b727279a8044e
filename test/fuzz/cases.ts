/**
 * Generated command lines for the fuzzer (test/cli/fuzz.test.ts): a CSV file (shapes from no rows to
 * wide, odd headers, delimiters, quoting, missing-value spellings, extreme magnitudes, constant and
 * duplicate columns, degenerate targets for each family, odd weights, offsets and fold ids) and the
 * options of a command, as fast-check arbitraries. The promise they test is the command line's:
 * exit 0 with finite, non-empty results, or exit 1/2 with one line on stderr and nothing on stdout.
 */
import fc from "fast-check";

/** A family the fuzzer knows how to make targets for (add one line per family that lands). */
export const FUZZ_FAMILIES = ["gaussian", "binomial", "poisson", "multinomial", "mgaussian", "cox"] as const;
export type FuzzFamily = (typeof FUZZ_FAMILIES)[number];

/** One generated case: the file's text and the command line (without the file, added by the runner). */
export interface FuzzCase {
  readonly csv: string;
  readonly command: "fit" | "cv" | "explain" | "plot";
  readonly args: readonly string[];
}

const MISSING = ["", "NA", "NaN", "null", ".", "?", "#N/A", "n/a"];

/** A clean cell of a numeric feature column, at the column's scale. */
function numericCell(scale: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.double({ min: -3, max: 3, noNaN: true }).map((v) => String(v * scale)) },
    { weight: 1, arbitrary: fc.integer({ min: -5, max: 5 }).map((v) => String(v * scale)) },
  );
}

/** A cell that is not a plain number: a missing-value spelling, infinity, another convention, text. */
const dirtyCell = fc.constantFrom(...MISSING, "inf", "-Infinity", "1e400", "1,234.5", "1 234", "- 3", "abc", "0x1F", " 7 ");

/** Cells with one of them (at a random row) replaced. */
function withOne(cells: fc.Arbitrary<string[]>, cell: fc.Arbitrary<string>): fc.Arbitrary<string[]> {
  return cells.chain((c) =>
    c.length === 0 ? fc.constant(c) : fc.tuple(fc.nat({ max: c.length - 1 }), cell).map(([i, v]) => c.map((x, k) => (k === i ? v : x))),
  );
}

/** A column's cells: numbers at a scale (some extreme), one dirty cell, a constant, text levels, or mostly missing. */
function featureColumn(rows: number): fc.Arbitrary<string[]> {
  const scale = fc.oneof({ weight: 12, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constantFrom(1e-200, 1e-8, 1e8, 1e150, 1e200, 1e300) });
  const numeric = scale.chain((s) => fc.array(numericCell(s), { minLength: rows, maxLength: rows }));
  return fc.oneof(
    { weight: 30, arbitrary: numeric },
    { weight: 1, arbitrary: withOne(numeric, dirtyCell) },
    { weight: 2, arbitrary: fc.constantFrom("0", "1", "3.5", "1e200").map((v) => Array<string>(rows).fill(v)) },
    { weight: 3, arbitrary: fc.array(fc.constantFrom("a", "b", "c", "d d", "é"), { minLength: rows, maxLength: rows }) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom("", "NA", "1"), { minLength: rows, maxLength: rows }) },
  );
}

/** The target's cells for a family: well formed mostly, degenerate now and then (one class, constant, negative counts). */
function targetColumn(family: FuzzFamily, rows: number): fc.Arbitrary<string[]> {
  const cells = (a: fc.Arbitrary<string>) => fc.array(a, { minLength: rows, maxLength: rows });
  const degenerate = fc.oneof(
    fc.constant(Array<string>(rows).fill("1")),
    cells(fc.constantFrom("1", "2", "3")),
    cells(fc.constantFrom("-1", "0", "NA", "x")),
    cells(fc.double({ min: -1e300, max: 1e300, noNaN: true }).map(String)),
  );
  const good =
    family === "gaussian" ? cells(fc.double({ min: -100, max: 100, noNaN: true }).map((v) => v.toPrecision(6)))
      : family === "binomial" ? fc.constantFrom(["0", "1"], ["no", "yes"], ["1", "2"]).chain(([a, b]) => cells(fc.constantFrom(a, b)))
        : family === "multinomial" ? fc.constantFrom(["a", "b", "c"], ["a", "b", "c", "d"], ["lo", "mid", "hi", "x y", "é"]).chain((levels) => cells(fc.constantFrom(...levels)))
          : family === "mgaussian" ? cells(fc.double({ min: -100, max: 100, noNaN: true }).map((v) => v.toPrecision(6)))
          : family === "cox" ? cells(fc.double({ min: 0.01, max: 50, noNaN: true }).map((v) => v.toPrecision(4)))
            : cells(fc.integer({ min: 0, max: 30 }).map(String));
  return fc.oneof({ weight: 15, arbitrary: good }, { weight: 1, arbitrary: degenerate }, { weight: 1, arbitrary: withOne(good, dirtyCell) });
}

/** Header names: plain, odd (spaces, quotes, unicode, "=", numbers), now and then a duplicate or an empty one. */
const headerName = fc.oneof(
  { weight: 30, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/) },
  { weight: 6, arbitrary: fc.constantFrom("x y", 'q"uote', "größe", "a=b", "1", "λ", " padded ", "x;y", "x,y") },
  { weight: 1, arbitrary: fc.constantFrom("", "y", "x1", "y", "x1") },
);

/** A cell as written in the file: quoted when it must be (or now and then when it need not be). */
function written(cell: string, delimiter: string, quoteAll: boolean): string {
  const must = cell.includes(delimiter) || cell.includes('"') || cell.includes("\n") || cell.includes("\r");
  return must || quoteAll ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** An option left out mostly, given a valid value often, an invalid one now and then. */
function dial(valid: fc.Arbitrary<string>, invalid: fc.Arbitrary<string>): fc.Arbitrary<string | undefined> {
  return fc.oneof({ weight: 14, arbitrary: fc.constant(undefined) }, { weight: 6, arbitrary: valid }, { weight: 1, arbitrary: invalid });
}

/** Options shared by the fitting commands. */
const fitArgs = fc.record({
  alpha: dial(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }).map(String), fc.constantFrom("0", "1", "0.5")), fc.constantFrom("-1", "2", "x")),
  nlambda: dial(fc.constantFrom("1", "2", "5", "100"), fc.constantFrom("0", "1.5")),
  lambda: dial(fc.constantFrom("0.1", "1,0.1,0.01", "0", "1e300", "0.5,0.5", "1e-300"), fc.constantFrom("-1", "a")),
  standardize: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  intercept: fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  pmax: dial(fc.constantFrom("0", "1", "2"), fc.constantFrom("-1")),
  dfmax: dial(fc.constantFrom("0", "1"), fc.constantFrom("-2")),
  maxit: dial(fc.constantFrom("1", "10", "100"), fc.constantFrom("0")),
  thresh: dial(fc.constantFrom("1e-3", "1e-14"), fc.constantFrom("0")),
  ratio: dial(fc.constantFrom("0.5", "1e-8"), fc.constantFrom("1")),
  naDrop: fc.boolean(),
  relax: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  penalty: dial(fc.constantFrom("lasso", "mcp", "scad"), fc.constantFrom("ridge")),
  gamma: dial(fc.constantFrom("3", "3.7", "10"), fc.constantFrom("1", "0.5")),
  gapTol: dial(fc.constantFrom("1e-4", "1e-6"), fc.constantFrom("0")),
  adaptive: fc.oneof({ weight: 8, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  // X stored sparse or dense on request (unasked, the CLI chooses from the zeros); where the family,
  // penalty or command has no sparse path, the request must be refused in one line.
  storage: fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom("--sparse", "--dense") }),
  format: fc.constantFrom("json", "json", "table"),
});

type FitArgs = typeof fitArgs extends fc.Arbitrary<infer T> ? T : never;

function fitFlags(a: FitArgs): string[] {
  const out: string[] = [];
  const add = (flag: string, v: string | undefined) => v !== undefined && out.push(flag, v);
  add("--alpha", a.alpha);
  add("--nlambda", a.nlambda);
  add("--lambda", a.lambda);
  add("--pmax", a.pmax);
  add("--dfmax", a.dfmax);
  add("--maxit", a.maxit);
  add("--thresh", a.thresh);
  add("--lambda-min-ratio", a.ratio);
  if (!a.standardize) out.push("--no-standardize");
  if (!a.intercept) out.push("--no-intercept");
  if (a.naDrop) out.push("--na", "drop");
  if (a.relax) out.push("--relax");
  add("--penalty", a.penalty);
  add("--gamma", a.gamma);
  add("--gap-tol", a.gapTol);
  if (a.adaptive) out.push("--adaptive");
  if (a.storage !== undefined) out.push(a.storage);
  return out;
}

/** A side column (weights, offset, fold ids): absent mostly; its cells valid, one of them invalid now and then. */
function sideColumn(rows: number, valid: fc.Arbitrary<string>, invalid: fc.Arbitrary<string>): fc.Arbitrary<string[] | undefined> {
  const cells = fc.array(valid, { minLength: rows, maxLength: rows });
  return fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: cells }, { weight: 1, arbitrary: withOne(cells, invalid) });
}

/** Which families and commands to generate (all by default; a source fuzzes fewer). */
export interface FuzzScope {
  readonly families?: readonly FuzzFamily[];
  readonly commands?: readonly FuzzCase["command"][];
}

/** A whole case: the table's shape, its columns and side columns, the command and its options. */
export function fuzzCase(scope: FuzzScope = {}): fc.Arbitrary<FuzzCase> {
  const shape = fc.oneof(
    { weight: 12, arbitrary: fc.record({ rows: fc.integer({ min: 2, max: 30 }), features: fc.integer({ min: 1, max: 6 }) }) },
    { weight: 1, arbitrary: fc.record({ rows: fc.constantFrom(0, 1), features: fc.integer({ min: 1, max: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ rows: fc.integer({ min: 3, max: 12 }), features: fc.integer({ min: 50, max: 400 }) }) },
  );
  return fc.record({ shape, family: fc.constantFrom(...(scope.families ?? FUZZ_FAMILIES)) }).chain(({ shape: { rows, features }, family }) =>
    fc.record({
      family: fc.constant(family),
      target: targetColumn(family, rows),
      columns: fc.array(featureColumn(rows), { minLength: features, maxLength: features }),
      names: fc.array(headerName, { minLength: features, maxLength: features }),
      duplicate: fc.boolean(),
      weights: sideColumn(rows, fc.constantFrom("1", "2", "0.5", "0", "1e-300", "1e300"), fc.constantFrom("-1", "NA", "x")),
      offset: sideColumn(rows, fc.constantFrom("0", "0.1", "-1", "2"), fc.constantFrom("NA", "inf", "1e10")),
      foldid: sideColumn(rows, fc.constant(""), fc.constantFrom("0", "x", "1.5")).map((c) => c && c.map((v, i) => (v === "" ? String((i % 3) + 1) : v))),
      // mgaussian: one to three more numeric targets (y2, y3, …), now and then a text or constant one.
      moreTargets: fc.array(fc.oneof({ weight: 8, arbitrary: targetColumn("mgaussian", rows) }, { weight: 1, arbitrary: fc.constant(Array<string>(rows).fill("a")) }), { minLength: 1, maxLength: 3 }),
      grouped: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      // cox: start times (now and then at or after the stop time, or missing) and strata (numbers, text, a missing one).
      start: sideColumn(rows, fc.constantFrom("0", "0", "0.005", "0.001"), fc.constantFrom("100", "NA", "-1", "x")),
      strata: sideColumn(rows, fc.constantFrom("1", "2", "a", "b b"), fc.constantFrom("NA", "")),
      status: fc.oneof({ weight: 8, arbitrary: fc.array(fc.constantFrom("0", "1", "1"), { minLength: rows, maxLength: rows }) }, { weight: 1, arbitrary: fc.array(fc.constantFrom("0", "2", "NA"), { minLength: rows, maxLength: rows }) }),
      delimiter: fc.constantFrom(",", ",", ";", "\t"),
      quoteAll: fc.boolean(),
      crlf: fc.boolean(),
      command: fc.constantFrom<FuzzCase["command"]>(...(scope.commands ?? ["fit", "fit", "fit", "cv", "cv", "explain", "plot"])),
      folds: fc.constantFrom("3", "4", "5", "10"),
      options: fitArgs,
    }).map((g): FuzzCase => {
      const names = ["y", ...g.names.map((n, j) => (n === "" || n === "y" ? n : `${n}${j}`))];
      const columns = [g.target, ...g.columns];
      // A duplicate of the first feature, under its own name: collinear columns.
      if (g.duplicate && g.columns.length > 0) {
        names.push("dup");
        columns.push(g.columns[0]);
      }
      const extra = g.family === "mgaussian" ? g.moreTargets.map((_, k) => `y${k + 2}`) : [];
      for (const [k, name] of extra.entries()) {
        names.push(name);
        columns.push(g.moreTargets[k]);
      }
      const args: string[] = ["--target", ["y", ...extra].join(","), "--family", g.family];
      // --grouped is multinomial's; given to another family it must be refused, in one line.
      if (g.grouped && (g.family === "multinomial" || g.options.format === "table")) args.push("--grouped");
      const side = (name: string, cells: string[] | undefined, flag: string) => {
        if (cells === undefined) return;
        names.push(name);
        columns.push(cells);
        args.push(flag, name);
      };
      if (g.family === "cox") {
        side("event", g.status, "--status");
        side("entry", g.start, "--start");
        side("stratum", g.strata, "--strata");
      }
      side("w", g.weights, "--weights");
      side("off", g.offset, "--offset");
      if (g.command === "cv" || g.command === "explain") {
        if (g.foldid !== undefined) side("fold", g.foldid, "--foldid");
        else args.push("--folds", g.folds);
      }
      args.push(...fitFlags(g.options));
      if (g.command === "fit" || g.command === "cv") args.push("--format", g.options.format);
      const eol = g.crlf ? "\r\n" : "\n";
      const line = (cells: string[]) => cells.map((c) => written(c, g.delimiter, g.quoteAll)).join(g.delimiter);
      const body = Array.from({ length: rows }, (_, i) => line(columns.map((c) => c[i])));
      return { csv: [line(names), ...body].join(eol) + eol, command: g.command, args };
    }),
  );
}
