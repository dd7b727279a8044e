import { setPullBounds } from "../../src/solve/pull-bounds.js";

/** f run with the pull bounds on or off (solve/pull-bounds.ts), the setting restored after. */
export function withBounds<T>(on: boolean, f: () => T): T {
  const before = setPullBounds(on);
  try {
    return f();
  } finally {
    setPullBounds(before);
  }
}
