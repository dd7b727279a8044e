/**
 * The survival columns a lab fit request names, as buildDesign reads them (pure: the worker uses it).
 * Only cox reads them; for cox a missing status column is said in the lab's words, not the CLI's.
 */
import { OptionError, type FamilyName } from "../../src/index.js";
import type { FitRequest } from "./protocol.js";

export function survivalColumns(family: FamilyName, request: Pick<FitRequest, "survival">): { status?: string; start?: string; strata?: string } {
  if (family !== "cox") return {};
  const chosen = request.survival;
  if (!chosen?.status) {
    throw new OptionError("Family cox reads the target as survival times and needs a status column: choose it under Status (1 = event, 0 = censored)", "status");
  }
  return { status: chosen.status, ...(chosen.start ? { start: chosen.start } : {}), ...(chosen.strata ? { strata: chosen.strata } : {}) };
}
