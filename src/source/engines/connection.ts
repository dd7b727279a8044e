/** A connection that failed, said with the engine, host and port. */
export function connectionProblem(engine: string, host: string, port: number, error: unknown): string {
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  const why = code === "ECONNREFUSED" ? "connection refused (is the server running, on that port?)"
    : code === "ENOTFOUND" ? "no such host"
    : code === "ETIMEDOUT" ? "the connection timed out"
    : (error as Error).message;
  return `cannot connect to ${engine} at ${host}:${port}: ${why}`;
}
