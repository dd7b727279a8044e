/**
 * Whether `buffer` is shared memory. Browsers that are not cross-origin isolated have no SharedArrayBuffer
 * at all, where `instanceof SharedArrayBuffer` would throw a ReferenceError.
 */
export function isShared(buffer: ArrayBufferLike): boolean {
  return typeof SharedArrayBuffer !== "undefined" && buffer instanceof SharedArrayBuffer;
}
