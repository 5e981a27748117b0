import { ConfigError } from './config.js';
import { AppError } from './errors.js';
import type { Locale } from './i18n/locale.js';
import { render } from './i18n/render.js';
import { type Text, text } from './i18n/text.js';

/**
 * A start-up failure the operator can act on: its text (a `console` message) is the one line
 * `npm start` prints in the console's language (what went wrong and what to do), with no stack
 * trace. Its `message` is English, for logs; `details` (a child server's last output) goes to the
 * log at debug level.
 */
export class StartupError extends Error {
  constructor(
    readonly text: Text,
    readonly details?: string,
  ) {
    super(render(text, 'en'));
    this.name = 'StartupError';
  }
}

/** An error's first line that says something, or null. */
function firstLine(error: unknown): string | null {
  const message = error instanceof Error ? error.message : String(error);
  return (
    message
      .split('\n')
      .find((line) => line.trim())
      ?.trim() ?? null
  );
}

/** What went wrong, in the console's language: a StartupError's own words, else the error's first line. */
function reasonOf(error: unknown, locale: Locale): string {
  if (error instanceof StartupError) return render(error.text, locale);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    const port = (error as { port?: number }).port ?? '?';
    return render(
      text(code === 'EADDRINUSE' ? 'console:start.portInUse' : 'console:start.portNotAllowed', { port }),
      locale,
    );
  }
  return render(text('console:start.otherError', { first: firstLine(error) ?? String(error) }), locale);
}

/** The one line printed for a start that failed. */
export function startupFailureLine(error: unknown, locale: Locale): string {
  return render(text('console:start.failed', { reason: reasonOf(error, locale) }), locale);
}

/**
 * What a command-line tool prints when it fails: the words meant for a person (a StartupError,
 * a refusal of the rules such as a short admin password, the configuration's problems), else the
 * error's first line.
 */
export function toolFailureLine(error: unknown, locale: Locale): string {
  if (error instanceof StartupError) return render(error.text, locale);
  if (error instanceof AppError) return error.messageIn(locale);
  if (error instanceof ConfigError) return error.message;
  return firstLine(error) ?? String(error);
}
