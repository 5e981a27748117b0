/**
 * A start-up failure the operator can act on: its message is the one line `npm start` prints (what
 * went wrong and what to do), with no stack trace. `details` (a child server's last output) goes to
 * the log at debug level.
 */
export class StartupError extends Error {
  constructor(
    message: string,
    readonly details?: string,
  ) {
    super(message);
    this.name = 'StartupError';
  }
}

/** The one line printed for a start that failed: a StartupError's own words, else the error's first line. */
export function startupFailureLine(error: unknown): string {
  if (error instanceof StartupError) return `Lingong did not start: ${error.message}`;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    const where = (error as { address?: string; port?: number }).port;
    return `Lingong did not start: cannot listen on port ${where ?? '?'} (${code === 'EADDRINUSE' ? 'another program uses it' : 'not allowed for this user'}): set PORT to another one`;
  }
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n').find((line) => line.trim()) ?? 'unknown error';
  return `Lingong did not start: ${first.trim()} (LOG_LEVEL=debug shows the details)`;
}
