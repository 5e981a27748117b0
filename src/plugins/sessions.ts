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

/** How long a node waits for its own ping to come back before it listens on the channel anew. */
const LISTEN_CHECK_MS = 10_000;
/** Pings at most this far apart, however long SESSION_CHECK_CACHE_MS is; at least this close. */
const PING_MAX_MS = LISTEN_CHECK_MS / 2;
const PING_MIN_MS = 250;

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
 *   `{ ok: false, error: { code: 'UNAUTHENTICATED' } }` and not run.
 * - A socket is sent `session:expiring` before its access token expires and `session:expired`
 *   when it has; it may send `session:renew { token }` (with an ack) with a fresh token of the same
 *   account, and is cut (`session:ended`, TOKEN_EXPIRED) if it has not within the grace.
 *
 * Token expiry is wall-clock time, as the JWT library checks it (`exp`); the injected clock is
 * the market's, which tests move by days.
 */
export default fp(
  async (fastify, { config }: { config: Config }) => {
    const { renewGraceSeconds, expiringNoticeSeconds } = config.auth.sessions;
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
    // listen that fails while PostgreSQL is still down is dropped. So each node pings itself on the
    // channel (its monotonic time in the ping) and, if none came back for LISTEN_CHECK_MS, listens
    // anew. A ping that comes back tells the session check every ending before it was heard
    // (session-trust.ts); a listen that (re)starts tells it nothing before was.
    const nodeId = randomUUID();
    const ownPing = `ping:${nodeId}:`;
    let answeredAt = performance.now();
    let relistenedAt = Number.NEGATIVE_INFINITY;
    const onNotice = (payload: string) => {
      if (payload.startsWith(ownPing)) {
        answeredAt = performance.now();
        const sentAt = Number(payload.slice(ownPing.length));
        if (Number.isFinite(sentAt)) fastify.services.sessions.heard(sentAt);
        return;
      }
      if (payload.startsWith('ping:')) return;
      const notice = parseEnded(payload);
      if (notice) ended(notice);
      else fastify.log.warn('sessions: an unreadable notice on lingong_sessions was ignored');
    };
    const onListen = () => fastify.services.sessions.listening();
    const listenOn = () => fastify.sql.listen(SESSIONS_CHANNEL, onNotice, onListen);
    let listening: { unlisten(): Promise<void> } | null = await listenOn();
    const listenAgain = async () => {
      relistenedAt = performance.now();
      await listening?.unlisten().catch(() => {});
      listening = null;
      try {
        listening = await listenOn();
        fastify.log.warn('sessions: listening on lingong_sessions again');
      } catch (error) {
        fastify.log.warn({ err: error }, 'sessions: cannot listen on lingong_sessions yet; trying again');
      }
    };
    let closing = false;
    const pingEveryMs = Math.min(
      PING_MAX_MS,
      Math.max(PING_MIN_MS, Math.floor(config.auth.sessions.checkCacheMs / 4)),
    );
    const ping = () => {
      const now = performance.now();
      return fastify.sql`select pg_notify(${SESSIONS_CHANNEL}, ${`${ownPing}${now}`})`;
    };
    const watchdog = setInterval(() => {
      void (async () => {
        if (closing) return;
        const now = performance.now();
        const deaf = !listening || now - answeredAt > LISTEN_CHECK_MS;
        if (deaf && now - relistenedAt > LISTEN_CHECK_MS) await listenAgain();
        await ping().catch(() => {});
      })();
    }, pingEveryMs);
    watchdog.unref();
    // The first ping at once: sessions are trusted only once one has come back.
    await ping().catch(() => {});
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

    function guard(socket: LingongSocket, packet: unknown[], next: (error?: Error) => void) {
      const [event, ...args] = packet;
      // When the event reached this check, for the accept path's timing marks (ACCEPT_TIMING).
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
      fastify.services.sessions
        .check({ accountId: viewer.accountId, sessionId: session.id, version: session.version })
        .then(
          (problem) => {
            if (!problem) {
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
