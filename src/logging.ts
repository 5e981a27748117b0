import { type FastifyRequest, LogController } from 'fastify';

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
