import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the local insurer received. */
export type InsurerCall = { method: string; url: string; headers: IncomingHttpHeaders; body: unknown };

/** What the local insurer answers a request with: status and body, after an optional delay; null never answers. */
export type InsurerAnswer = { status: number; body: unknown; delayMs?: number } | null;

/** The answer a real insurer gives: one policy per day asked, numbered. */
export function issueEach(call: InsurerCall): InsurerAnswer {
  const { days, requestId } = call.body as { days: string[]; requestId: string };
  return {
    status: 201,
    body: {
      policies: days.map((day) => ({
        coveredOn: day,
        policyNumber: `LOCAL-${day.replaceAll('-', '')}-${requestId.slice(0, 8)}`,
      })),
    },
  };
}

/**
 * A stand-in insurer on 127.0.0.1 for the HTTP adapter's tests (docs/insurance.md, "The HTTP
 * insurer"): it keeps every request and answers as `answer` says (changeable between tests).
 */
export async function startLocalInsurer(answer: (call: InsurerCall) => InsurerAnswer = issueEach) {
  const calls: InsurerCall[] = [];
  const state = { answer };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // kept as text: the test says what it expected
      }
      const call = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body };
      calls.push(call);
      const reply = state.answer(call);
      if (reply === null) return; // never answers: the adapter's timeout must end it
      setTimeout(() => {
        response.writeHead(reply.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(reply.body));
      }, reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    answerWith(next: (call: InsurerCall) => InsurerAnswer) {
      state.answer = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type LocalInsurer = Awaited<ReturnType<typeof startLocalInsurer>>;

/** The environment that points the app's insurer adapter at a local insurer. */
export const httpInsurerEnv = (insurer: LocalInsurer, timeoutMs = 2_000) => ({
  INSURER_PROVIDER: 'http',
  INSURER_URL: insurer.url,
  INSURER_TOKEN: 'local-insurer-token-0123456789',
  INSURER_NAME: '本地测试保险公司',
  INSURER_TIMEOUT_MS: String(timeoutMs),
});
