// The fuzzer of issue 21 on a source: the generated tables written, in this process, as a DuckDB table
// or a Parquet file through @duckdb/node-api (no server), then `fit` and `cv` on them through the
// command line's entry, asserting the same promise as test/cli/fuzz.test.ts: exit 0 with finite,
// non-empty results, or exit 1 or 2 with one line on stderr and nothing on stdout.
//   npm test: a fixed seed and SHRINKAGE_FUZZ_SOURCE_RUNS (16) cases; `npm run fuzz` runs more from a random seed.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { DuckDBInstance } from "@duckdb/node-api";
import { fuzzCase } from "../fuzz/cases.js";
import { brokenPromise } from "../fuzz/promise.js";
import { sqlTable } from "../fuzz/table.js";
import { parseCsv } from "../../src/data/csv.js";
import { run, scratchFile } from "./helpers.js";

const RUNS = Number(process.env.SHRINKAGE_FUZZ_SOURCE_RUNS ?? (process.env.SHRINKAGE_FUZZ_RANDOM ? 200 : 16));
const SEED = process.env.SHRINKAGE_FUZZ_SEED !== undefined ? Number(process.env.SHRINKAGE_FUZZ_SEED) : process.env.SHRINKAGE_FUZZ_RANDOM ? Date.now() % 2 ** 31 : 21;

/** Write the table as table t of a new DuckDB file, and as a Parquet file beside it; their locations. */
async function written(statements: readonly string[]): Promise<{ duckdb: string; parquet: string }> {
  const duckdb = scratchFile("fuzz.duckdb", "").replace(/fuzz\.duckdb$/, "t.duckdb");
  const parquet = duckdb.replace(/t\.duckdb$/, "t.parquet");
  const instance = await DuckDBInstance.create(duckdb);
  const c = await instance.connect();
  try {
    for (const sql of statements) await c.run(sql);
    await c.run(`COPY t TO '${parquet}' (FORMAT PARQUET)`);
  } finally {
    c.closeSync();
    instance.closeSync();
  }
  return { duckdb: `duckdb:${duckdb}?table=t`, parquet };
}

test(`fit and cv on a DuckDB table or a Parquet file keep the promise on ${RUNS} generated tables (seed ${SEED})`, async () => {
  const seen = { ok: 0, failed: 0, duckdb: 0, parquet: 0 };
  // The families a source fits (gaussian by fit and cv, the GLMs by fit), and cox, which it must refuse clearly.
  const scope = { families: ["gaussian", "gaussian", "gaussian", "binomial", "poisson", "cox"], commands: ["fit", "fit", "cv"] } as const;
  const cases = fc.record({ c: fuzzCase(scope), parquet: fc.boolean() });
  await fc.assert(
    fc.asyncProperty(cases, async ({ c, parquet }) => {
      // The generated file, read by the project's own parser: the cells to write as the table's rows.
      let table;
      try {
        table = parseCsv(c.csv);
      } catch {
        fc.pre(false); // a file our CSV reader refuses (the CSV fuzzer covers it) has no table to write
        return;
      }
      const statements = sqlTable(table);
      fc.pre(statements !== null); // names DuckDB cannot hold as distinct columns (duplicates up to case)
      const where = await written(statements!);
      const location = parquet ? where.parquet : where.duckdb;
      seen[parquet ? "parquet" : "duckdb"]++;
      const r = await run([c.command, location, ...c.args]);
      const broken = brokenPromise(c, r);
      if (r.code === 0) seen.ok++;
      else seen.failed++;
      assert.equal(broken, null, `${broken}\n$ shrinkage ${c.command} ${parquet ? "FILE.parquet" : "duckdb:FILE?table=t"} ${c.args.join(" ")}\n--- table ---\n${c.csv.slice(0, 2000)}\n--- stderr ---\n${r.stderr.slice(0, 1000)}\n--- stdout ---\n${r.stdout.slice(0, 500)}`);
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
  assert.ok(seen.ok > 0 && seen.failed > 0, `successes ${seen.ok}, failures ${seen.failed}`);
  assert.ok(seen.duckdb > 0 && seen.parquet > 0, `DuckDB tables ${seen.duckdb}, Parquet files ${seen.parquet}`);
});
