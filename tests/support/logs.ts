/** Everything an app logs, as pino writes it (one JSON line each), kept for a test to read. */
export function captureLogs() {
  const lines: string[] = [];
  return {
    /** A pino destination: give it to createTestApp as `logStream`. */
    stream: {
      write(line: string) {
        lines.push(line);
      },
    },
    /** All of it, as one text, to search for what must not be there. */
    text: () => lines.join(''),
    /** The parsed lines whose `msg` is `message`. */
    withMessage: (message: string) =>
      lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.msg === message),
  };
}
