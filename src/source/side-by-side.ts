/**
 * Several models fitted side by side by IRLS, each pass one query for all of them (irls-pass.ts): the
 * folds of a cross-validation, or the refits of drop costs. A model holding out fold k is summed over
 * every fold's rows (GROUP BY fold): its training sums are those of the other folds, its sums on fold k
 * its held-out error. A model holding out nothing is trained on every row.
 */
import { addRaw, passOf, rawPasses, type ModelPoint, type PassPlan, type RawSums } from "./irls-pass.js";
import type { PassAnswer } from "./irls.js";
import type { Engine, SourceStats } from "./scan.js";

/** A model under way: the fold it holds out (null: none), the weight of its training rows, its generator of points. */
export interface SideModel<T> {
  readonly fold: number | null;
  readonly W: number;
  readonly steps: Generator<ModelPoint, T, PassAnswer>;
}

/** The training sums of a model holding out `fold`: its sums over every group but that one. */
function trainingSums(groups: Map<string, RawSums[]>, at: number, fold: number | null): RawSums {
  let sum: RawSums | null = null;
  for (const [key, sums] of groups) if (fold === null || Number(key) !== fold) sum = sum === null ? sums[at] : addRaw(sum, sums[at]);
  return sum!;
}

/** The pass's sums for every model, `modelsPerQuery` models to a query, joined by group as one pass would give them. */
async function passesInParts(engine: Engine, stats: SourceStats, plan: PassPlan, points: readonly ModelPoint[], modelsPerQuery: number): Promise<Map<string, RawSums[]>> {
  const parts: Map<string, RawSums[]>[] = [];
  for (let i = 0; i < points.length; i += modelsPerQuery) parts.push(await rawPasses(engine, stats, plan, points.slice(i, i + modelsPerQuery)));
  return new Map([...parts[0].keys()].map((key) => [key, parts.flatMap((part) => {
    const sums = part.get(key);
    if (sums === undefined) throw new Error(`runSideBySide: group ${key} came back from one query of the pass and not another`);
    return sums;
  })]));
}

/**
 * Run the models until each returns, one pass per round for every model still open (plan.group set when
 * any holds out a fold); what each returned, in order. `onRound` hears the round and how many are open.
 * A round sums at most `modelsPerQuery` models in one query: planning a query grows faster than its
 * models (ClickHouse expands every alias: 36 drop-cost models took 14 s a query, six queries of 6 took
 * 3.5 s on the tests' 1,171 rows; PostgreSQL 0.4 s against 0.2 s), while each model's sums cost the
 * same per row in any query.
 */
export async function runSideBySide<T>(
  engine: Engine, stats: SourceStats, plan: PassPlan, models: readonly SideModel<T>[],
  onRound?: (round: number, open: number) => void, modelsPerQuery = Infinity,
): Promise<T[]> {
  const state = models.map((m) => ({ m, point: null as ModelPoint | null, done: null as { value: T } | null }));
  for (const s of state) {
    const first = s.m.steps.next(undefined as never);
    if (first.done) s.done = { value: first.value };
    else s.point = first.value;
  }
  for (let round = 1; ; round++) {
    const open = state.filter((s) => s.done === null);
    if (open.length === 0) break;
    onRound?.(round, open.length);
    const groups = await passesInParts(engine, stats, plan, open.map((s) => s.point!), modelsPerQuery);
    open.forEach((s, i) => {
      const { fold, W } = s.m;
      const own = fold === null ? undefined : [...groups].find(([key]) => Number(key) === fold)?.[1][i];
      const pass = passOf(trainingSums(groups, i, fold), s.point!, plan.centre, W);
      const next = s.m.steps.next({ pass, heldOut: own?.err ?? 0 });
      if (next.done) s.done = { value: next.value };
      else s.point = next.value;
    });
  }
  return state.map((s) => s.done!.value);
}
