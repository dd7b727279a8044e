import { OptionError } from "../errors.js";
import { shown } from "./arguments.js";

/**
 * File bytes → text, for every reader of data files (the command line and the lab alike).
 * UTF-16 when a UTF-16 byte-order mark says so (Excel's "Unicode text" export), else UTF-8 with its
 * byte-order mark dropped.
 */
export function decodeText(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) throw new OptionError(`decodeText: bytes must be a Uint8Array (the file's bytes), got ${shown(bytes)}`, "bytes");
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  return new TextDecoder("utf-8").decode(bytes);
}
