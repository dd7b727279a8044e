/**
 * Whether the tests run in continuous integration. CI services set `CI` (to `true`, or `1`); a test that
 * would otherwise create a missing file or skip for want of a tool must fail there instead, so that nothing
 * passes in CI by accident.
 */
const value = process.env.CI;
export const inCi: boolean = value !== undefined && value !== "" && value !== "0" && value.toLowerCase() !== "false";
