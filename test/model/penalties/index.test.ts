import { test } from "node:test";
import assert from "node:assert/strict";
import * as penalties from "../../../src/model/penalties/index.js";
import { ElasticNet } from "../../../src/model/penalties/elastic-net.js";
import { GroupElasticNet } from "../../../src/model/penalties/group-elastic-net.js";

test("penaltyOf builds the named penalty from its settings", () => {
  const settings = { alpha: 0.3, vp: Float64Array.of(1, 2), lower: Float64Array.of(-1, -Infinity), upper: Float64Array.of(Infinity, 2) };
  const pen = penalties.penaltyOf("elastic-net", settings);
  assert.ok(pen instanceof ElasticNet);
  assert.equal(pen.name, "elastic-net");
  assert.equal(pen.alpha, 0.3);
  assert.equal(pen.vp, settings.vp);
  assert.equal(pen.lower, settings.lower);
  assert.equal(pen.upper, settings.upper);
  // A fresh object each time.
  assert.notEqual(penalties.penaltyOf("elastic-net", settings), pen);
});

test("the index exports the elastic net's parts and the grouped elastic net", () => {
  assert.equal(penalties.ElasticNet, ElasticNet);
  assert.equal(penalties.GroupElasticNet, GroupElasticNet);
  assert.equal(penalties.softThreshold(3, 1), 2);
  assert.equal(penalties.elasticNetPenalty([2], 1, [1]), 2);
  assert.equal(new penalties.GroupElasticNet({ alpha: 1, vp: Float64Array.of(1) }).name, "group-elastic-net");
});
