// A library error as the command line says it: the library's option names become the CLI's options.
import { DataError, OptionError } from "../errors.js";

/** The library's options that its errors name, and the CLI option that sets each (spelt otherwise). */
const CLI_OPTION_OF: Readonly<Record<string, string>> = {
  standardizeResponse: "standardize-response",
  foldLambda: "fold-lambda",
};

/**
 * The error in the command line's terms: an OptionError or DataError whose message names a library
 * option the CLI sets by an option of another spelling has that name replaced by --the-option, e.g.
 * "fit without standardizeResponse" becomes "fit without --standardize-response" (an OptionError's
 * option field follows). Its class, column and row stay; any other error is as it was.
 */
export function inCliTerms(error: unknown): unknown {
  if (!(error instanceof OptionError || error instanceof DataError)) return error;
  let message = error.message;
  for (const [library, cli] of Object.entries(CLI_OPTION_OF)) message = message.replace(new RegExp(`\\b${library}\\b`, "g"), `--${cli}`);
  if (message === error.message) return error;
  if (error instanceof DataError) return new DataError(message, error.column, error.row);
  return new OptionError(message, error.option !== undefined && Object.prototype.hasOwnProperty.call(CLI_OPTION_OF, error.option) ? CLI_OPTION_OF[error.option] : error.option);
}
