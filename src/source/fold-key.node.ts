/**
 * The fold of a key as every engine computes it for --fold-key (dialect.ts): the first 28 bits of the
 * MD5 of the key's text, modulo K, plus 1. In memory, the same folds for the same keys.
 */
import { createHash } from "node:crypto";
import { checkArguments, eitherRule, stringValue, finiteNumber, numberRule } from "../data/arguments.js";

/** The fold (1..folds) of a row by the MD5 hash of its key: the same fold in every engine. */
export function foldOfKey(key: string | number, folds: number): number {
  checkArguments("foldOfKey", { key, folds }, { key: eitherRule("a key (a string or a finite number)", stringValue, finiteNumber), folds: numberRule({ integer: true, min: 1 }) });
  const hex = createHash("md5").update(String(key)).digest("hex");
  return (parseInt(hex.slice(0, 7), 16) % folds) + 1;
}
