import type { Socket } from 'socket.io-client';
import type { TestApp } from './app.js';

export const LOGIN = `mutation ($p: String!, $w: String!) {
  login(phone: $p, password: $w) { token refreshToken account { id } }
}`;
export const REFRESH = 'mutation ($r: String!) { refreshSession(refreshToken: $r) { token refreshToken } }';

export type SignIn = { token: string; refreshToken: string };

/** A fresh sign-in (its own session) through the API. */
export async function signIn(t: TestApp, phone: string, password: string): Promise<SignIn> {
  const { data, errors } = await t.gql<{ login: SignIn }>(LOGIN, { p: phone, w: password });
  if (!data?.login) throw new Error(`login failed: ${JSON.stringify(errors)}`);
  return data.login;
}

/** The code a token gets for `me` (undefined: it works). */
export async function meCode(t: TestApp, token: string): Promise<string | undefined> {
  const { data, errors } = await t.gql<{ me: { id: string } | null }>('{ me { id } }', {}, token);
  if (!errors && !data?.me) return 'NO_ACCOUNT';
  return errors?.[0]?.extensions?.code;
}

export type Ending = { reason: string | null; afterMs: number };

/**
 * Watches a socket from now: resolves when it is disconnected by the server, with the reason its
 * `session:ended` gave (null if none came first) and how long after `since` that was.
 */
export function endingOf(socket: Socket, since: () => number, timeoutMs = 5_000): Promise<Ending> {
  return new Promise((resolve, reject) => {
    let reason: string | null = null;
    const timer = setTimeout(
      () => reject(new Error(`the socket was not cut within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.on('session:ended', (payload: { reason: string }) => {
      reason = payload.reason;
    });
    socket.once('disconnect', () => {
      clearTimeout(timer);
      resolve({ reason, afterMs: Date.now() - since() });
    });
  });
}

/** Whether a handshake with this token is refused (connect_error), or succeeds. */
export async function handshakeRefused(connect: () => Promise<Socket>): Promise<boolean> {
  try {
    const socket = await connect();
    socket.disconnect();
    return false;
  } catch {
    return true;
  }
}

/** Polls `check` until it holds, or fails after `timeoutMs`. */
export async function untilTrue(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms: ${check}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
