import assert from "node:assert/strict";
import { mock, test } from "node:test";
import { HEARTBEAT_MS, withHeartbeat } from "../../src/source/heartbeat.js";
import { aggregate, type Engine } from "../../src/source/scan.js";
import { DIALECTS } from "../../src/source/dialect.js";
import { firstPassAggregates } from "../../src/source/sql.js";

/** A promise and the function that settles it (the query "returns" when the test says). */
function pending<T>(): { promise: Promise<T>; settle: (value: T) => void } {
  let settle!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (settle = resolve));
  return { promise, settle };
}

test("a heartbeat beats every interval while the work runs, and never after it settles", async (t) => {
  mock.timers.enable({ apis: ["setInterval"] });
  t.after(() => mock.timers.reset());
  const work = pending<string>();
  let beats = 0;
  const result = withHeartbeat(work.promise, () => beats++, 1000);
  mock.timers.tick(3500);
  assert.equal(beats, 3);
  work.settle("rows");
  assert.equal(await result, "rows");
  mock.timers.tick(5000);
  assert.equal(beats, 3);
});

test("a failed query stops its heartbeat too, and its error comes through", async (t) => {
  mock.timers.enable({ apis: ["setInterval"] });
  t.after(() => mock.timers.reset());
  let beats = 0;
  const failing = Promise.reject(new Error("connection reset"));
  await assert.rejects(withHeartbeat(failing, () => beats++, 1000), /connection reset/);
  mock.timers.tick(5000);
  assert.equal(beats, 0);
});

test("a source's aggregation says its step again each heartbeat while a query runs", async (t) => {
  mock.timers.enable({ apis: ["setInterval"] });
  t.after(() => mock.timers.reset());
  const query = pending<Record<string, unknown>[]>();
  let queries = 0;
  const engine: Engine = {
    dialect: DIALECTS.duckdb, from: "t", where: "table t", columns: async () => [],
    rows: () => (queries++, query.promise), close: async () => {},
  };
  const said: string[] = [];
  const list = firstPassAggregates("1", ['"x"'], []);
  const sums = aggregate(engine, { from: "t", where: null }, list, null, (m) => said.push(m), "first pass: means");
  assert.equal(queries, 1);
  mock.timers.tick(HEARTBEAT_MS * 4);
  query.settle([]);
  await sums;
  assert.deepEqual(said, Array(5).fill("first pass: means"));
});
