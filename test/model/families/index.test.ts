import { test } from "node:test";
import assert from "node:assert/strict";
import { OptionError } from "../../../src/errors.js";
import { FAMILIES, binomial, cox, familiesWithMeasure, familyOf, gaussian, isFamilyName, poisson } from "../../../src/model/families/index.js";

test("FAMILIES lists the families, each registered under its own name", () => {
  assert.deepEqual(FAMILIES, ["gaussian", "binomial", "poisson", "cox"]);
  assert.equal(familyOf("gaussian"), gaussian);
  assert.equal(familyOf("binomial"), binomial);
  assert.equal(familyOf("poisson"), poisson);
  assert.equal(familyOf("cox"), cox);
  for (const name of FAMILIES) {
    const f = familyOf(name);
    assert.equal(f.name, name);
    assert.ok(f.measures.includes(f.defaultMeasure), `${name}: default measure ${f.defaultMeasure}`);
  }
});

test("familyOf throws an OptionError naming the option for any other name", () => {
  assert.throws(() => familyOf("gamma"), (e) => e instanceof OptionError && e.option === "family" && /"gamma"/.test(e.message) && /gaussian, binomial, poisson/.test(e.message));
  assert.throws(() => familyOf("gamma", "--family"), (e) => e instanceof OptionError && e.option === "--family");
  for (const bad of ["Gaussian", "", "toString", "__proto__", undefined, null, 3, {}]) {
    assert.throws(() => familyOf(bad), OptionError, String(bad));
    assert.equal(isFamilyName(bad), false, String(bad));
  }
  for (const name of FAMILIES) assert.equal(isFamilyName(name), true);
});

test("familiesWithMeasure: which families offer a cross-validation measure", () => {
  assert.deepEqual(familiesWithMeasure("auc"), [binomial]);
  assert.deepEqual(familiesWithMeasure("class"), [binomial]);
  assert.deepEqual(familiesWithMeasure("deviance"), [binomial, poisson, cox]);
  assert.deepEqual(familiesWithMeasure("C"), [cox]);
  assert.deepEqual(familiesWithMeasure("mse"), [gaussian, binomial, poisson]);
  assert.deepEqual(familiesWithMeasure("mae"), [gaussian, binomial, poisson]);
  assert.deepEqual(familiesWithMeasure("c"), []);
});
