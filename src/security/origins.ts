import type { IncomingHttpHeaders } from 'node:http';

const hostOf = (origin: string): string | null => {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
};

/**
 * Whether a browser's request may reach the API: no Origin (not a browser, or a same-origin GET),
 * an origin CORS_ORIGINS names, or the API's own origin (the kiosk and dashboard pages). The own
 * host is the Host header, or X-Forwarded-Host behind a proxy that rewrites Host; a page on
 * another site cannot set either on a WebSocket handshake, nor on a request CORS refused.
 */
export function originAllowed(headers: IncomingHttpHeaders, allowed: ReadonlySet<string>): boolean {
  const { origin } = headers;
  if (!origin) return true;
  if (allowed.has(origin)) return true;
  const host = hostOf(origin);
  const forwarded = headers['x-forwarded-host'];
  const forwardedHost = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return host !== null && (host === headers.host || host === forwardedHost);
}
