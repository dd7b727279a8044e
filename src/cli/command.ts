/** What every `shrinkage <command>` module provides, and what it is given to talk to the outside. */
import type { OptionSpec, ParsedArgs } from "./args.js";

export interface CommandIO {
  /** The result (stdout). */
  stdout(text: string): void;
  /** Notes, warnings and progress (stderr). */
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress lines only then). */
  readonly stderrIsTTY: boolean;
}

export interface Command {
  readonly name: string;
  /** One line for `shrinkage --help`. */
  readonly summary: string;
  /** The usage line, e.g. "shrinkage fit FILE --target COL [options]". */
  readonly usage: string;
  /** A paragraph under the usage line in `--help`. */
  readonly description: string;
  readonly options: readonly OptionSpec[];
  run(args: ParsedArgs, io: CommandIO): void | Promise<void>;
}
