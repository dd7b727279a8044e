#!/usr/bin/env node
/**
 * The `shrinkage` command: dispatch to src/cli/commands/<name>.ts. A failure prints exactly one line,
 * `shrinkage: <message>`, on stderr and exits non-zero (2 for a usage mistake, 1 otherwise); stdout
 * then stays empty. SHRINKAGE_DEBUG=1 adds the stack trace of unexpected errors.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { OptionError } from "../errors.js";
import "../linalg/second-core.node.js";
import { formatHelp, parseArgs, type OptionSpec } from "./args.js";
import type { Command, CommandIO } from "./command.js";
import { nearestName } from "../data/nearest.js";
import { VERSION } from "./version.js";
import { inCliTerms, messageInCliTerms } from "./library-errors.js";

/** Adding a command is one line here (modules load on demand, so startup stays quick). */
const COMMANDS: Readonly<Record<string, { summary: string; load: () => Promise<{ command: Command }> }>> = {
  fit: { summary: "fit ridge, lasso or elastic net along the whole path of λ", load: () => import("./commands/fit.js") },
  cv: { summary: "choose λ by cross-validation (λ_min and λ_1se)", load: () => import("./commands/cv.js") },
  explain: { summary: "why each coefficient is shrunk, set to zero or kept, at one λ", load: () => import("./commands/explain.js") },
  plot: { summary: "draw the path, the cross-validation curve, pull versus price or the ridge spectrum as SVG", load: () => import("./commands/plot.js") },
  report: { summary: "one self-contained HTML report to hand on: data, path, cross-validation, pull versus price, words", load: () => import("./commands/report.js") },
  simulate: { summary: "known-truth simulations: how often each method finds the true variables", load: () => import("./commands/simulate.js") },
  stability: { summary: "how often each variable is selected over many half-samples of the data, and which are stable", load: () => import("./commands/stability.js") },
};


function generalHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length)) + 2;
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`);
  return (
    "Usage: shrinkage <command> FILE --target COL [options]\n\n" +
    "Penalized regression (ridge, lasso, elastic net) that reproduces glmnet.\n\n" +
    `Commands:\n${lines.join("\n")}\n\n` +
    "Run `shrinkage <command> --help` for the options of a command.\n" +
    "Example: shrinkage fit data/diabetes.csv --target progression\n"
  );
}

/** Run the command line; returns the exit code. */
export async function main(argv: readonly string[], io: CommandIO): Promise<number> {
  // The command's flags, once it is known: a library message names them, not the library's options.
  let flags: readonly OptionSpec[] = [];
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      if (name === "help" && rest[0] !== undefined && rest[0] in COMMANDS) return main([rest[0], "--help"], io);
      io.stdout(generalHelp());
      return 0;
    }
    if (name === "--version" || name === "-v") {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    const entry = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (entry === undefined) {
      const near = nearestName(name, Object.keys(COMMANDS));
      throw new OptionError(`unknown command ${JSON.stringify(name)}${near !== null ? `; did you mean ${near}?` : ""} (commands: ${Object.keys(COMMANDS).join(", ")})`);
    }
    const { command } = await entry.load();
    flags = command.options;
    const args = parseArgs(rest, command.options, command.name);
    if (args.help) {
      io.stdout(formatHelp(command.usage, command.description, command.options));
      return 0;
    }
    // Notes (whole lines on stderr) wait until the command succeeds, so that a failure prints exactly one
    // line; progress lines ("\r…", terminals only) go out at once.
    const notes: string[] = [];
    const held: CommandIO = {
      stdout: (text) => io.stdout(text),
      stderr: (text) => (text.startsWith("\r") ? io.stderr(text) : void notes.push(messageInCliTerms(text, flags))),
      stderrIsTTY: io.stderrIsTTY,
    };
    await command.run(args, held);
    for (const note of notes) io.stderr(note);
    return 0;
  } catch (thrown) {
    const error = inCliTerms(thrown, flags);
    io.stderr(`shrinkage: ${oneLine(error)}\n`);
    if (process.env.SHRINKAGE_DEBUG && thrown instanceof Error && thrown.stack) io.stderr(`${thrown.stack}\n`);
    return error instanceof OptionError ? 2 : 1;
  }
}

/** An error as one line: its message with line breaks folded (a stack trace is never shown by default). */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, " ").trim() || "unexpected error";
}

/** Node's process as CommandIO; a closed pipe (`| head`) ends the output quietly. */
function processIO(): CommandIO {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stderrIsTTY: process.stderr.isTTY === true,
  };
}

/** Whether this module is the program being run (node dist/cli/main.js, the `shrinkage` bin link, tsx), not an import. */
function isEntryPoint(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2), processIO()).then((code) => {
    process.exitCode = code;
  });
}
