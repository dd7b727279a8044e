/**
 * The rules the source entries check their arguments with (issue 21): an engine as openSource returns
 * it, and the statistics scanSource returns. The generic rules are in data/arguments.ts.
 */
import { fieldsRule, numericArrayRule, objectRule, stringValue, stringsRule, type Rule } from "../data/arguments.js";

/** An engine, from openSource(location). */
export const engineRule: Rule = fieldsRule("an engine, from openSource(location)", { from: stringValue, where: stringValue });

/** A source's statistics, from scanSource(engine, roles). */
export const statsRule: Rule = fieldsRule("a source's statistics, from scanSource(engine, roles)", {
  names: stringsRule, shift: numericArrayRule, design: objectRule("the source's design"),
});
