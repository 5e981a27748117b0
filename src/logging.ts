import { type FastifyBaseLogger, type FastifyRequest, LogController } from 'fastify';
import type { Bindings, ChildLoggerOptions } from 'pino';

/**
 * What the request log may hold of a URL: the path, and of the query string only the parameter
 * names. A query string can carry anything a client put there: a GraphQL query or its variables
 * over GET (a password in `login`), the SMS callbacks' `?token=`, a phone number in a search.
 */
export function redactUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const mark = url.indexOf('?');
  if (mark === -1) return url;
  const names = url
    .slice(mark + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? '' : pair.slice(0, equals);
      // A name is logged only when it is a plain word before an `=`: a bare part may be a value.
      return /^[A-Za-z_][A-Za-z0-9_.-]{0,39}$/.test(name) ? `${name}=[REDACTED]` : '[REDACTED]';
    });
  return `${url.slice(0, mark)}?${names.join('&')}`;
}

/** A mainland mobile number as logs may show it: 138****5678. Anything else that looks like one is masked whole. */
export function maskPhone(phone: string): string {
  return /^1[0-9]{10}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '***';
}

type LoggedRequest = {
  method?: string;
  url?: string;
  ip?: string;
  host?: string;
  socket?: { remoteAddress?: string; remotePort?: number } | null;
};

/** fastify's request serializer, with the URL redacted: nothing else of a request is logged. */
export function serializeRequest(request: LoggedRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip ?? request.socket?.remoteAddress,
    remotePort: request.socket?.remotePort,
  };
}

/**
 * fastify's own log lines, with its one line that writes a raw URL (a 404's "Route GET:/x?… not
 * found") written from the redacted one.
 */
export class RedactingLogController extends LogController {
  override routeNotFound(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.info(`Route ${request.raw.method}:${redactUrl(request.raw.url)} not found`);
  }
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
const RANK: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };
/** Whether a logger at `at` writes a line of `level` (pino's order; `silent` writes none). */
const writes = (at: string, level: Level) => (RANK[level] ?? 0) >= (RANK[at] ?? Number.POSITIVE_INFINITY);

/**
 * fastify's logger of each request (the root's child binding its `reqId`), made on the request's
 * first line rather than for every request: where LOG_LEVEL leaves out fastify's own `info`
 * lines of each request (warn in production benchmarks, silent in tests), nearly every request
 * logs nothing, and a pino child per request was about 1 % of an accept race's CPU. Every line
 * still carries the `reqId`; at `info` and below the child is made at once, as fastify does.
 */
export function requestLogger(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  if (options.level !== undefined || writes(logger.level, 'info')) return logger.child(bindings, options);
  return new LazyChild(logger, bindings, options);
}

/**
 * A request's logger until it logs: a class, so a request costs one small object (closures made
 * per request are each named by tsx's `__name`, a defineProperty, which cost more than the child).
 */
class LazyChild implements FastifyBaseLogger {
  #child: FastifyBaseLogger | undefined;
  readonly #parent: FastifyBaseLogger;
  readonly #bindings: Bindings;
  readonly #options: ChildLoggerOptions;

  constructor(parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#options = options;
  }

  #made(): FastifyBaseLogger {
    this.#child ??= this.#parent.child(this.#bindings, this.#options);
    return this.#child;
  }

  #line(level: Level, args: unknown[]): void {
    if (!writes(this.#parent.level, level)) return;
    const to = this.#made();
    Reflect.apply(to[level], to, args);
  }

  get level(): string {
    return this.#child?.level ?? this.#parent.level;
  }

  set level(level: string) {
    this.#made().level = level;
  }

  fatal(...args: unknown[]): void {
    this.#line('fatal', args);
  }

  error(...args: unknown[]): void {
    this.#line('error', args);
  }

  warn(...args: unknown[]): void {
    this.#line('warn', args);
  }

  info(...args: unknown[]): void {
    this.#line('info', args);
  }

  debug(...args: unknown[]): void {
    this.#line('debug', args);
  }

  trace(...args: unknown[]): void {
    this.#line('trace', args);
  }

  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#made().child(bindings, options);
  }
}
