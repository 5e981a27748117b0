import { randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import { systemClock } from '../clock.js';
import type { Config } from '../config.js';
import type { Message } from '../errors.js';
import { render } from '../i18n/render.js';
import { text } from '../i18n/text.js';
import type { RenewReply, SessionEndReason, SessionsEnded } from '../modules/index.js';
import { rooms } from '../realtime/rooms.js';
import type { LingongSocket } from '../realtime/socket.js';
import { toShanghaiIso } from '../time.js';
import { roomsOf } from './io.js';

/** The channel the triggers of drizzle/0018_sessions.sql announce endings on. */
export const SESSIONS_CHANNEL = 'lingong_sessions';

const REASONS = new Set<SessionEndReason>([
  'SIGNED_OUT',
  'PASSWORD_CHANGED',
  'ACCOUNT_ERASED',
  'ACCOUNT_SUSPENDED',
  'REFRESH_TOKEN_REUSED',
  'TOKEN_EXPIRED',
  'KIOSK_TOKEN_REVOKED',
]);

/** A notice from the channel, or null for anything else (a notice is only ever the triggers' JSON). */
export function parseEnded(payload: string): SessionsEnded | null {
  let notice: Record<string, unknown>;
  try {
    notice = JSON.parse(payload) as Record<string, unknown>;
  } catch {
    return null;
  }
  const reason = REASONS.has(notice.r as SessionEndReason) ? (notice.r as SessionEndReason) : null;
  const text = (key: string) => (typeof notice[key] === 'string' ? (notice[key] as string) : null);
  const [account, session, token, station] = [text('a'), text('s'), text('t'), text('st')];
  if (!reason) return null;
  if (notice.k === 'account' && account) return { kind: 'account', accountId: account, reason };
  if (notice.k === 'session' && session && account)
    return { kind: 'session', sessionId: session, accountId: account, reason };
  if (notice.k === 'kiosk' && token && station)
    return { kind: 'kiosk', kioskTokenId: token, stationId: station, reason };
  return null;
}

/** How often a node checks that it still hears the channel (its own ping came back). */
const LISTEN_CHECK_MS = 10_000;

/** setTimeout takes at most about 24.8 days. */
const MAX_DELAY_MS = 2_147_483_647;

/**
 * Sessions on the sockets, on every node:
 *
 * - Every node LISTENs on `lingong_sessions` (postgres.js's own listening connection, checked every
 *   LISTEN_CHECK_MS by a ping to itself). When a
 *   session, every session of an account, or a kiosk token ends, the database announces it after
 *   commit; each node forgets it (the session check's cache, the kiosk token's) and tells each of
 *   its own sockets of it `session:ended { reason }` before disconnecting them.
 * - Every event a socket sends is checked first: its token must not have expired and its session
 *   must be live (the same check as a request's); a refused event with an ack is answered
 *   `{ ok: false, error: { code: 'UNAUTHENTICATED' } }` and not run. A socket's session found
 *   live (at connect, or at an event) needs no further reads while this node provably hears the
 *   channel (`trusted`): any ending is then heard and cuts the socket, and one not heard yet is
 *   at most SESSION_CHECK_CACHE_MS old, the bound the check's own cache keeps.
 * - A socket is sent `session:expiring` before its access token expires and `session:expired`
 *   when it has; it may send `session:renew { token }` (with an ack) with a fresh token of the same
 *   account, and is cut (`session:ended`, TOKEN_EXPIRED) if it has not within the grace.
 *
 * Token expiry is wall-clock time, as the JWT library checks it (`exp`); the injected clock is
 * the market's, which tests move by days.
 */
export default fp(
  async (fastify, { config }: { config: Config }) => {
    const { renewGraceSeconds, expiringNoticeSeconds, checkCacheMs } = config.auth.sessions;
    const namespace = fastify.io.of('/');
    const tokenNow = () => systemClock.now().getTime();

    function cut(socket: LingongSocket, reason: SessionEndReason) {
      if (!socket.connected) return;
      socket.emit('session:ended', { reason });
      socket.disconnect(true);
    }

    /** This node's sockets in a room (the adapter's local index). */
    function localIn(room: string): LingongSocket[] {
      const ids = namespace.adapter.rooms.get(room);
      if (!ids) return [];
      return [...ids].flatMap((id) => namespace.sockets.get(id) ?? []);
    }

    function ended(notice: SessionsEnded) {
      fastify.services.sessions.forget(notice);
      if (notice.kind === 'kiosk') {
        fastify.services.stations.forgetKioskToken(notice.kioskTokenId);
        for (const socket of localIn(rooms.station(notice.stationId))) {
          const { viewer } = socket.data;
          if (viewer.kind === 'kiosk' && viewer.kioskTokenId === notice.kioskTokenId)
            cut(socket, notice.reason);
        }
        return;
      }
      for (const socket of localIn(rooms.account(notice.accountId))) {
        if (notice.kind === 'account' || socket.data.session?.id === notice.sessionId)
          cut(socket, notice.reason);
      }
    }

    // postgres.js LISTENs on a connection of its own and listens again after it reconnects; but a
    // listen that fails while PostgreSQL is still down is dropped. So each node sends itself a ping
    // on the channel every LISTEN_CHECK_MS and, if the last one never came back, listens anew.
    const nodeId = randomUUID();
    const ownPing = `ping:${nodeId}:`;
    let answered = true;
    /**
     * What this node provably heard of the channel (performance.now()): `listenedAt`, since when
     * its current LISTEN has stood (postgres.js listens again after a reconnect, with a gap before
     * it); `heardUpTo`, when the last of its own pings that came back was sent. Notices come in
     * commit order, so every ending committed before `heardUpTo` has been heard and acted on.
     */
    let listenedAt: number | null = null;
    let heardUpTo: number | null = null;
    const onListen = () => {
      listenedAt = performance.now();
      heardUpTo = null;
    };
    const onNotice = (payload: string) => {
      if (payload.startsWith(ownPing)) {
        answered = true;
        const sentAt = Number(payload.slice(ownPing.length));
        if (listenedAt !== null && sentAt >= listenedAt && sentAt > (heardUpTo ?? -1)) heardUpTo = sentAt;
        return;
      }
      if (payload.startsWith('ping:')) return;
      const notice = parseEnded(payload);
      if (notice) ended(notice);
      else fastify.log.warn('sessions: an unreadable notice on lingong_sessions was ignored');
    };
    let listening: { unlisten(): Promise<void> } | null = await fastify.sql.listen(
      SESSIONS_CHANNEL,
      onNotice,
      onListen,
    );
    const listenAgain = async () => {
      await listening?.unlisten().catch(() => {});
      listening = null;
      listenedAt = null;
      heardUpTo = null;
      try {
        listening = await fastify.sql.listen(SESSIONS_CHANNEL, onNotice, onListen);
        fastify.log.warn('sessions: listening on lingong_sessions again');
      } catch (error) {
        fastify.log.warn({ err: error }, 'sessions: cannot listen on lingong_sessions yet; trying again');
      }
    };
    const pingEvery =
      checkCacheMs > 0 ? Math.min(LISTEN_CHECK_MS, Math.max(100, checkCacheMs / 3)) : LISTEN_CHECK_MS;
    let closing = false;
    const watchdog = setInterval(() => {
      void (async () => {
        if (closing) return;
        if (!answered || !listening) await listenAgain();
        answered = false;
        const ping = `${ownPing}${performance.now()}`;
        await fastify.sql`select pg_notify(${SESSIONS_CHANNEL}, ${ping})`.catch(() => {});
      })();
      // Often enough that a socket's trust (below) lasts: a ping back at least every checkCacheMs.
    }, pingEvery);
    watchdog.unref();
    fastify.addHook('preClose', async () => {
      closing = true;
      clearInterval(watchdog);
      await listening?.unlisten().catch(() => {});
    });

    /** Refuses an event the socket may no longer send; its ack, if any, is told why. */
    function refuse(socket: LingongSocket, args: unknown[], code: string, message: Message) {
      const ack = args.at(-1);
      if (typeof ack === 'function')
        ack({ ok: false, error: { code, message: render(message, socket.data.locale) } });
    }

    /**
     * Per socket, as of when its session was last found live (checkAsOf). The socket's events
     * need no read while this node has listened since then without a gap and has heard the
     * channel up to at most checkCacheMs ago: an ending committed after that check and before
     * `heardUpTo` was heard, and its notice cut the socket (it was in its account's room by then)
     * or dropped the cached answer the check came from; one after `heardUpTo` is less than
     * checkCacheMs old, as a cached answer may be. With SESSION_CHECK_CACHE_MS=0, every event reads.
     */
    const liveAsOf = new WeakMap<LingongSocket, number>();
    function trusted(socket: LingongSocket): boolean {
      const asOf = liveAsOf.get(socket);
      return (
        checkCacheMs > 0 &&
        asOf !== undefined &&
        listenedAt !== null &&
        listenedAt <= asOf &&
        heardUpTo !== null &&
        performance.now() - heardUpTo <= checkCacheMs
      );
    }

    function guard(socket: LingongSocket, packet: unknown[], next: (error?: Error) => void) {
      const [event, ...args] = packet;
      socket.data.eventAt = performance.now();
      const { viewer, session } = socket.data;
      if (event === 'session:renew' || viewer.kind === 'kiosk') {
        next();
        return;
      }
      if (!session) {
        refuse(socket, args, 'UNAUTHENTICATED', text('accounts:socketSignIn'));
        return;
      }
      if (session.expiresAtMs !== null && tokenNow() >= session.expiresAtMs) {
        refuse(socket, args, 'UNAUTHENTICATED', text('accounts:socketExpired'));
        return;
      }
      if (trusted(socket)) {
        next();
        return;
      }
      fastify.services.sessions
        .checkAsOf({ accountId: viewer.accountId, sessionId: session.id, version: session.version })
        .then(
          ({ problem, asOf }) => {
            if (!problem) {
              if (socket.data.session === session) liveAsOf.set(socket, asOf);
              next();
              return;
            }
            refuse(socket, args, 'UNAUTHENTICATED', problem.message);
            cut(socket, problem.reason ?? 'SIGNED_OUT');
          },
          (error: unknown) => {
            fastify.log.warn({ err: error }, 'sessions: could not check a socket event');
            refuse(socket, args, 'SERVICE_UNAVAILABLE', text('accounts:checkUnavailable'));
          },
        );
    }

    async function renew(socket: LingongSocket, payload: unknown): Promise<RenewReply> {
      const token =
        typeof payload === 'object' && payload !== null && 'token' in payload ? payload.token : null;
      if (typeof token !== 'string' || token.length === 0 || token.length > 4096) {
        const message = render(text('accounts:renewSend'), socket.data.locale);
        return { ok: false, error: { code: 'BAD_USER_INPUT', message } };
      }
      const before = socket.data.viewer;
      const { viewer, problem, session } = await fastify.authenticate(token);
      if (viewer?.kind !== 'account' || !session) {
        const message = render(problem ?? text('accounts:renewNotAccount'), socket.data.locale);
        return { ok: false, error: { code: 'UNAUTHENTICATED', message } };
      }
      if (before.kind !== 'account' || before.accountId !== viewer.accountId) {
        const message = render(text('accounts:renewOtherAccount'), socket.data.locale);
        return { ok: false, error: { code: 'FORBIDDEN', message } };
      }
      // The same account; its profiles may have changed (a worker profile added), and its rooms with them.
      const next = new Set(roomsOf(viewer));
      for (const room of roomsOf(before)) if (!next.has(room)) await socket.leave(room);
      await socket.join([...next]);
      socket.data.viewer = viewer;
      socket.data.session = { id: session.id, version: session.version, expiresAtMs: session.expiresAtMs };
      // Another session, maybe: found live as of its next event's check.
      liveAsOf.delete(socket);
      // A language the account chose since it connected comes with its fresh token.
      if (viewer.locale) socket.data.locale = viewer.locale;
      return {
        ok: true,
        data: {
          expiresAt: session.expiresAtMs === null ? null : toShanghaiIso(new Date(session.expiresAtMs)),
        },
      };
    }

    namespace.on('connection', (socket: LingongSocket) => {
      let timers: NodeJS.Timeout[] = [];
      const clear = () => {
        for (const timer of timers) clearTimeout(timer);
        timers = [];
      };
      const after = (ms: number, run: () => void) => {
        const timer = setTimeout(run, Math.min(Math.max(0, ms), MAX_DELAY_MS));
        timer.unref();
        timers.push(timer);
      };
      /** The expiry notices and the cut-off of the socket's current token. */
      const schedule = () => {
        clear();
        const expiresAtMs = socket.data.session?.expiresAtMs;
        if (socket.data.viewer.kind !== 'account' || expiresAtMs == null) return;
        const left = expiresAtMs - tokenNow();
        if (expiringNoticeSeconds > 0 && left > 0)
          after(left - expiringNoticeSeconds * 1000, () =>
            socket.emit('session:expiring', { expiresAt: toShanghaiIso(new Date(expiresAtMs)) }),
          );
        after(left, () => socket.emit('session:expired', { graceSeconds: renewGraceSeconds }));
        after(left + renewGraceSeconds * 1000, () => cut(socket, 'TOKEN_EXPIRED'));
      };
      schedule();
      socket.on('disconnect', clear);
      // Found live now, in its rooms (usually the handshake's cached answer): its first event,
      // often an accept in a crowd, need not read the session (trusted).
      const { viewer, session } = socket.data;
      if (viewer.kind === 'account' && session && checkCacheMs > 0)
        fastify.services.sessions
          .checkAsOf({ accountId: viewer.accountId, sessionId: session.id, version: session.version })
          .then(
            ({ problem, asOf }) => {
              if (!problem && socket.data.session === session) liveAsOf.set(socket, asOf);
            },
            () => {},
          );
      socket.use((packet, next) => guard(socket, packet, next));
      socket.on('session:renew', (payload: unknown, reply: unknown) => {
        if (typeof reply !== 'function') return;
        renew(socket, payload).then(
          (answer) => {
            if (answer.ok) schedule();
            reply(answer);
          },
          (error: unknown) => {
            fastify.log.warn({ err: error }, 'sessions: could not renew a socket token');
            reply({
              ok: false,
              error: {
                code: 'SERVICE_UNAVAILABLE',
                message: render(text('accounts:tokenCheckUnavailable'), socket.data.locale),
              },
            });
          },
        );
      });
    });
  },
  { name: 'sessions', dependencies: ['db', 'io', 'auth', 'services'], fastify: '5.x' },
);
