/** The version of the shrinkage command (and package), as `--version` prints it and reports record it. */
export const VERSION = "0.1.0";
