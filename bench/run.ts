/**
 * Shrinkage, in Node and in headless Chromium, side by side with glmnet (R) and scikit-learn on
 * identical data: `npm run bench`.
 *
 *   npm run bench                          the full problems of issue 8
 *   npm run bench -- --quick               the same shapes, small: a smoke run in well under a minute
 *   npm run bench -- --json bench.json     also write the numbers
 *   options: --runs N  --problems tall,wide,logistic,small,cv-tall,cv-logistic
 *            --systems shrinkage,browser,glmnet,sklearn  --jobs N (parallel CV, default 2)
 *            --no-serial-cv  --sklearn-tol T (default 1e-4, scikit-learn's own)  --keep (keep the data directory)
 *            --engine src|dist: Shrinkage from the TypeScript sources (default) or the build (npm run build first);
 *              from sources every cvPathParallel call starts its worker threads through tsx (~0.7 s here)
 *            --budget S: stop a system's timed runs once they add up to S seconds (default 120; ≥ 1 run)
 *            --gap-tol T: Shrinkage stops each λ at relative duality gap T (default: glmnet's thresh, as glmnet)
 *            --solver glmnet|ws: Shrinkage's solver (default glmnet's iterates; ws: working sets, gaussian only)
 *
 * Every system is timed on the fit alone (loading excluded), in its own process, several runs
 * after warm-up, median reported; the browser's fits are timed inside the page (performance.now()).
 * Accuracy is each system's penalized objective (glmnet's definition) against the best of all
 * systems at every common λ; the table shows the largest relative gap. Peak memory is each process's RSS high-water mark (data included; the browser's:
 * its page's renderer process).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeData, writeFolds, writeLambda } from "./exchange.js";
import { defaultLambda } from "./lambda.js";
import { compareAccuracy, type PathCoefficients } from "./objective.js";
import { loadData, problemFolds, problems, type BenchData, type BenchProblem } from "./problems.js";
import { formatColdTable, formatNotes, formatTable, type ProblemOutcome } from "./report.js";
import {
  findBrowser, findGlmnet, findSklearn, runBrowser, runGlmnet, runShrinkage, runSklearn, SYSTEMS,
  type PeerAvailability, type SystemName, type SystemRun,
} from "./systems.js";

interface BenchArgs {
  quick: boolean;
  json: string | null;
  runs: number | undefined;
  problems: string[] | null;
  systems: SystemName[];
  jobs: number;
  serialCv: boolean;
  sklearnTol: number;
  keep: boolean;
  budgetMs: number;
  engine: "src" | "dist";
  /** Shrinkage stops each λ at this relative duality gap (--gap-tol); null: glmnet's thresh, as glmnet. */
  gapTol: number | null;
  /** Shrinkage's solver (--solver): glmnet's iterates (default) or working sets. */
  solver: "glmnet" | "ws";
}

function parseArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = {
    quick: false, json: null, runs: undefined, problems: null, systems: [...SYSTEMS], jobs: 2, serialCv: true, sklearnTol: 1e-4, keep: false, budgetMs: 120_000, engine: "src", gapTol: null, solver: "glmnet",
  };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) throw new Error(`bench: ${flag} needs a value`);
    return v;
  };
  const positive = (v: string, flag: string): number => {
    const x = Number(v);
    if (!(x > 0)) throw new Error(`bench: ${flag} must be a positive number, got "${v}"`);
    return x;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case "--quick": args.quick = true; break;
      case "--json": args.json = value(i++, a); break;
      case "--runs": args.runs = Math.round(positive(value(i++, a), a)); break;
      case "--problems": args.problems = value(i++, a).split(","); break;
      case "--systems": {
        const s = value(i++, a).split(",");
        const bad = s.find((x) => !SYSTEMS.includes(x as SystemName));
        if (bad) throw new Error(`bench: --systems: unknown system "${bad}" (${SYSTEMS.join(", ")})`);
        args.systems = s as SystemName[];
        break;
      }
      case "--jobs": args.jobs = Math.round(positive(value(i++, a), a)); break;
      case "--no-serial-cv": args.serialCv = false; break;
      case "--sklearn-tol": args.sklearnTol = positive(value(i++, a), a); break;
      case "--keep": args.keep = true; break;
      case "--engine": {
        const e = value(i++, a);
        if (e !== "src" && e !== "dist") throw new Error(`bench: --engine must be src or dist, got "${e}"`);
        args.engine = e;
        break;
      }
      case "--gap-tol": args.gapTol = positive(value(i++, a), a); break;
      case "--solver": {
        const v = value(i++, a);
        if (v !== "glmnet" && v !== "ws") throw new Error(`bench: --solver must be glmnet or ws, got "${v}"`);
        args.solver = v;
        break;
      }
      case "--budget": args.budgetMs = positive(value(i++, a), a) * 1000; break;
      case "--help": case "-h":
        process.stdout.write(`${fileURLToPath(import.meta.url)}: see the comment at its top for the options\n`);
        process.exit(0);
        break;
      default: throw new Error(`bench: unknown option "${a}"`);
    }
  }
  return args;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

const notRun = (reason: string): SystemRun => ({ status: "not run", message: reason });

type Peers = { browser: PeerAvailability; glmnet: PeerAvailability; sklearn: PeerAvailability };

function runProblem(
  args: BenchArgs, dir: string, data: BenchData, problem: BenchProblem,
  peers: Peers, parallelCv: boolean,
): ProblemOutcome {
  const want = (s: SystemName): boolean => args.systems.includes(s);
  const systems = {} as Record<SystemName, SystemRun>;
  const variants: Record<string, SystemRun> = {};
  const step = (label: string, f: () => SystemRun): SystemRun => {
    const t0 = Date.now();
    const r = f();
    log(`  ${problem.name} ${label}: ${r.status === "ok" ? `median ${r.medianMs!.toFixed(1)} ms` : r.status} (${((Date.now() - t0) / 1000).toFixed(1)} s wall)`);
    return r;
  };

  if (want("shrinkage")) {
    const jobs = problem.kind === "cv" && parallelCv ? args.jobs : 0;
    systems.shrinkage = step("shrinkage", () => runShrinkage(dir, data, problem, { jobs, budgetMs: args.budgetMs, engine: args.engine, gapTol: args.gapTol ?? undefined, solver: args.solver }));
    if (problem.kind === "cv" && jobs > 0 && args.serialCv) {
      variants["cvPath, 1 job"] = step("shrinkage 1 job", () => runShrinkage(dir, data, problem, { jobs: 0, budgetMs: args.budgetMs, engine: args.engine, gapTol: args.gapTol ?? undefined, solver: args.solver }));
    }
  } else systems.shrinkage = notRun("not asked for (--systems)");

  // The same engine in Chromium's page: cvPath in one job for CV (no worker-thread pool there).
  systems.browser = want("browser") ? step("browser", () => runBrowser(peers.browser, dir, data, problem, args.budgetMs, args.engine)) : notRun("not asked for (--systems)");

  systems.glmnet = want("glmnet") ? step("glmnet", () => runGlmnet(peers.glmnet, dir, data, problem, args.budgetMs)) : notRun("not asked for (--systems)");

  if (want("sklearn")) {
    // scikit-learn has no glmnet path of its own: it fits glmnet's λs (else Shrinkage's, else glmnet's formula).
    const lambda = systems.glmnet.coef?.lambda ?? systems.shrinkage.coef?.lambda ?? defaultLambda(data, problem.alpha);
    writeLambda(dir, lambda);
    systems.sklearn = step("sklearn", () => runSklearn(peers.sklearn, dir, data, problem, args.budgetMs, args.sklearnTol));
  } else systems.sklearn = notRun("not asked for (--systems)");

  const paths: Record<string, PathCoefficients> = {};
  for (const s of SYSTEMS) if (systems[s].status === "ok" && systems[s].coef) paths[s] = systems[s].coef!;
  const accuracy = compareAccuracy(data, data.family, problem.alpha, paths);
  const ratioOf = (peer: SystemName, key: "medianMs" | "cpuMedianMs", mine: SystemName = "shrinkage"): number | null => {
    const s = systems[mine];
    const q = systems[peer];
    return s.status === "ok" && q.status === "ok" && s[key] && q[key] ? s[key]! / q[key]! : null;
  };
  const ratio = (peer: SystemName): number | null => ratioOf(peer, "medianMs");
  const coldOf = (peer: SystemName, key: "coldMs" | "coldCpuMs"): number | null => {
    const s = systems.shrinkage;
    const q = systems[peer];
    return s.status === "ok" && q.status === "ok" && s[key] && q[key] ? s[key]! / q[key]! : null;
  };
  return {
    problem: problem.name, description: data.description, kind: problem.kind, n: data.n, p: data.p,
    xMb: (data.n * data.p * 8) / (1 << 20), runs: problem.runs, systems, variants,
    ratio: { glmnet: ratio("glmnet"), sklearn: ratio("sklearn") },
    cpuRatio: { glmnet: ratioOf("glmnet", "cpuMedianMs"), sklearn: ratioOf("sklearn", "cpuMedianMs") },
    browserRatio: { glmnet: ratioOf("glmnet", "medianMs", "browser"), sklearn: ratioOf("sklearn", "medianMs", "browser") },
    browserCpuRatio: { glmnet: ratioOf("glmnet", "cpuMedianMs", "browser"), sklearn: ratioOf("sklearn", "cpuMedianMs", "browser") },
    coldRatio: { glmnet: coldOf("glmnet", "coldMs"), sklearn: coldOf("sklearn", "coldMs") },
    coldCpuRatio: { glmnet: coldOf("glmnet", "coldCpuMs"), sklearn: coldOf("sklearn", "coldCpuMs") },
    accuracy: { maxGap: accuracy.maxGap, compared: accuracy.compared, dualGap: accuracy.dualGap },
  };
}

function machine(peers: Peers): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? "unknown", cores: cpus.length, memoryGb: +(os.totalmem() / 2 ** 30).toFixed(1),
    platform: `${os.type()} ${os.release()} ${os.arch()}`, node: process.version,
    browser: peers.browser.available ? peers.browser.version : `missing: ${peers.browser.reason}`,
    glmnet: peers.glmnet.available ? peers.glmnet.version : `missing: ${peers.glmnet.reason}`,
    sklearn: peers.sklearn.available ? peers.sklearn.version : `missing: ${peers.sklearn.reason}`,
  };
}

/** Numbers for the JSON file: everything but the coefficient arrays. */
function forJson(o: ProblemOutcome): unknown {
  const strip = (r: SystemRun): Omit<SystemRun, "coef"> => {
    const { coef, ...rest } = r;
    void coef;
    return rest;
  };
  return {
    ...o,
    systems: Object.fromEntries(Object.entries(o.systems).map(([k, r]) => [k, strip(r)])),
    variants: Object.fromEntries(Object.entries(o.variants).map(([k, r]) => [k, strip(r)])),
  };
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const all = problems(args.quick, args.runs);
  const unknown = (args.problems ?? []).filter((p) => !all.some((q) => q.name === p));
  if (unknown.length) throw new Error(`bench: unknown problem(s) ${unknown.join(", ")} (${all.map((q) => q.name).join(", ")})`);
  const chosen = args.problems ? all.filter((q) => args.problems!.includes(q.name)) : all;
  const peers: Peers = {
    browser: args.systems.includes("browser") ? findBrowser() : { available: false, command: "", reason: "not asked for" },
    glmnet: args.systems.includes("glmnet") ? findGlmnet() : { available: false, command: "", reason: "not asked for" },
    sklearn: args.systems.includes("sklearn") ? findSklearn() : { available: false, command: "", reason: "not asked for" },
  };
  const engineFile = (path: string): string =>
    fileURLToPath(new URL(args.engine === "dist" ? `../dist/${path}.js` : `../src/${path}.ts`, import.meta.url));
  if (args.engine === "dist" && !existsSync(engineFile("solve/path"))) throw new Error("bench: --engine dist needs a build: npm run build");
  const parallelCv = existsSync(engineFile("cv/parallel.node"));
  const info = machine(peers);
  log(`bench${args.quick ? " --quick" : ""}: ${info.cpu} (${info.cores} cores), Node ${info.node}; ${info.browser}; ${info.glmnet}; ${info.sklearn}`);
  if (!parallelCv) log(`bench: ${engineFile("cv/parallel.node")} not found: CV runs cvPath in one job`);

  const dir = mkdtempSync(join(os.tmpdir(), "shrinkage-bench-"));
  const outcomes: ProblemOutcome[] = [];
  try {
    // Problems sharing a data set run back to back so it is generated and written once.
    const order = [...chosen].sort((a, b) => chosen.findIndex((q) => q.data === a.data) - chosen.findIndex((q) => q.data === b.data));
    let data: BenchData | null = null;
    for (const problem of order) {
      if (data?.key !== problem.data) {
        data = null; // let the previous X go before making the next
        const t0 = Date.now();
        data = loadData(problem.data, args.quick);
        writeData(dir, data);
        log(`${data.description}: made and written in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      }
      if (problem.kind === "cv") writeFolds(dir, problemFolds(data, problem.nfolds));
      outcomes.push(runProblem(args, dir, data, problem, peers, parallelCv));
    }
  } finally {
    if (args.keep) log(`bench: data and outputs kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }

  const shown = chosen.map((q) => outcomes.find((o) => o.problem === q.name)!);
  process.stdout.write(`\n${formatTable(shown)}\n\n`);
  process.stdout.write(
    "Times: median wall time of the timed runs, fit only (warm-up and loading excluded). Ratios: Shrinkage ÷ peer (< 1: Shrinkage faster);\n" +
    "B/glmnet: Shrinkage in headless Chromium ÷ glmnet (Browser: the same engine bundled by Vite, fit on the page's main thread, timed in the page\n" +
    "with performance.now(); data fetched from a local server beforehand, not timed; CV runs cvPath in one job, as the page has no worker pool).\n" +
    "cpu: the same on process CPU time (steadier on a busy machine; parallel CV adds up its threads, so its cpu ratio is not its speed).\n" +
    "gap: largest relative excess of the penalized objective over the best system, over the λs all fitted. Peak: process RSS high-water mark incl. data;\n" +
    "Browser: its page's renderer process (from /proc, restarted once the data is in the page; the page itself cannot measure a peak:\n" +
    "performance.memory is the JS heap without ArrayBuffers and WebAssembly memory, measureUserAgentSpecificMemory a snapshot at a later GC).\n",
  );
  process.stdout.write(`\n${formatColdTable(shown)}\n\n`);
  process.stdout.write(
    "first: the first fit in a fresh process (Shrinkage: its worker's first call, modules loaded and WebAssembly compiled ahead, as the CLI's; glmnet: the first\n" +
    "glmnet()/cv.glmnet() call in a new R process, glmnet attached; K: scikit-learn's first call), wall and process CPU time; warm cpu:\n" +
    "the median CPU time of the timed runs. dual gap: each system's largest relative duality gap along its path, from its coefficients\n" +
    "by one formula (bench/gap.ts; Shrinkage's own, Path.gap, agrees): (primal − dual)/(null model's datafit), a certificate.\n\n",
  );
  for (const line of formatNotes(shown)) process.stdout.write(`${line}\n`);
  process.stdout.write(`Machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGb} GB, ${info.platform}, Node ${info.node}; ${info.browser}; ${info.glmnet}; ${info.sklearn}\n`);
  if (args.json) {
    const doc = { date: new Date().toISOString(), command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(), quick: args.quick, machine: info, sklearnTol: args.sklearnTol, problems: shown.map(forJson) };
    writeFileSync(args.json, `${JSON.stringify(doc, null, 2)}\n`);
    log(`bench: numbers written to ${args.json}`);
  }
}

try {
  main();
} catch (e) {
  log(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
