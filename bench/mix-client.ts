// The clients of bench/load.ts, in a process of their own so the API's event loop never also runs
// them: `connections` keep-alive HTTP connections (undici), each sending its next request as soon
// as its last one is answered (a closed loop), or requests due at a constant rate (an open loop,
// bench/mix-loops.ts); the kind of each request is drawn by the mix's weights. Workers' sockets
// receive instant offers, which the "accept" share of requests takes.
// Run through fork(); one phase per message, answered with the phase's numbers.
import type { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { io, type Socket } from 'socket.io-client';
import { Pool } from 'undici';
import type { GigSearchInput } from '../src/modules/gigs/gig-query.js';
import { closedLoop, createTally, type OpKind, type OpStats, openLoop, type Sent } from './mix-loops.js';
import { createRandom } from './offers-market.js';
import type { Stats } from './report.js';
import { GIGS_QUERY, PAGE } from './scenarios.js';

/** What a kiosk sends for its board: the body and its headers (the kiosk page's own request). */
export type KioskRequest = {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers: Record<string, string>;
};

export type MixPhase = {
  name: string;
  url: string;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  /** Relative weights; `accept` falls back to a profile read when no offer is waiting. */
  mix: Partial<Record<'hello' | 'kiosk' | 'search' | 'post' | 'accept', number>>;
  kiosks: KioskRequest[];
  searches: GigSearchInput[];
  workers: { id: string; token: string }[];
  employers: string[];
  /** Seconds between instant posts at most (the rest of the posts are listed gigs). */
  instantEverySeconds: number;
  /** An open loop at this many requests a second (bench/mix-loops.ts); none: a closed loop. */
  rate?: number;
  /**
   * Kiosks ask as a browser does the second time: with If-None-Match, the ETag of the last board
   * each had (its first answer a 200, after that a 304 while the board is unchanged).
   */
  revalidate?: boolean;
};

export type { OpKind, OpStats };
export type PhaseResult = {
  name: string;
  seconds: number;
  /** The open loop's rate, requests due per second; none: a closed loop. */
  rate?: number;
  /** How late the open loop's sender ever was sending a request, in ms (part of its latency). */
  senderLagMs?: number;
  /** Requests of the open loop never answered (counted as errors). */
  unanswered?: number;
  requests: number;
  perSecond: number;
  /** Requests answered in each whole second of the measured window. */
  perSecondSeries: number[];
  latency: Stats;
  byKind: Partial<Record<OpKind, OpStats>>;
  errors: number;
  errorSamples: string[];
  offersReceived: number;
  /** The mean size of a kiosk board answer as sent (gzipped), in bytes. */
  boardBytes: number;
};

/**
 * An answer's body read as it arrives, its bytes kept only when asked: hello-world's and the
 * kiosk's answers are read alike, and neither is copied into one buffer unless it is checked.
 */
function read(body: Readable, keep: boolean): Promise<{ length: number; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    let length = 0;
    const chunks: Buffer[] = [];
    body.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (keep) chunks.push(chunk);
    });
    body.once('end', () => resolve({ length, bytes: keep ? Buffer.concat(chunks) : Buffer.alloc(0) }));
    body.once('error', reject);
  });
}

type Answer = {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
};

const ME =
  '{ me { id role displayName worker { id name skills { skill { code name } level } availability { startsAt endsAt } } } }';
const ACCEPT = 'mutation ($offerId: ID!) { acceptOffer(offerId: $offerId) { id status } }';
const POST = 'mutation ($input: PostGigInput!) { postGig(input: $input) { id status } }';
/** acceptOffer's refusals that are the race's normal outcomes, not failures of the API. */
const LOST_RACE = new Set(['GIG_FILLED', 'OFFER_NOT_PENDING', 'OFFER_EXPIRED', 'SCHEDULE_CONFLICT']);
const BOARD_START = Buffer.from('{"data":{"stationBoard":{"edges":[');
const ERRORS_KEY = Buffer.from('"errors":');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TOWNS = [
  { regionCode: '370832', address: '梁山县拳铺镇工业园区', lat: 35.802, lng: 116.096 },
  { regionCode: '370828', address: '金乡县鸡黍镇大蒜市场', lat: 35.066, lng: 116.311 },
  { regionCode: '370811', address: '任城区唐口街道物流园', lat: 35.401, lng: 116.588 },
];

const LISTED = [
  { title: '收大蒜', skill: 'harvest_picking' },
  { title: '装卸搬运', skill: 'loading_unloading' },
  { title: '厂房保洁', skill: 'cleaner' },
  { title: '大棚管理', skill: 'greenhouse_management' },
  { title: '快递分拣', skill: 'parcel_sorting' },
];

const random = createRandom(4242);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

/** Offers pushed to the workers' sockets and not yet taken. */
const waitingOffers: { offerId: string; token: string }[] = [];
let offersReceived = 0;
/** Bytes and count of the kiosk boards received (the size of what a listing sends). */
let boardBytes = 0;
let boards = 0;
/** The ETag of the last board each kiosk had (phases with `revalidate`). */
const etags = new Map<KioskRequest, string>();
const sockets: Socket[] = [];

async function connectWorkers(url: string, workers: { id: string; token: string }[]) {
  if (sockets.length > 0) return;
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          const socket = io(url, { auth: { token: worker.token }, transports: ['websocket'] });
          socket.on('offer', (payload: { offerId?: string }, ack?: () => void) => {
            if (typeof ack === 'function') ack();
            if (typeof payload?.offerId !== 'string') return;
            offersReceived += 1;
            waitingOffers.push({ offerId: payload.offerId, token: worker.token });
          });
          socket.once('connect', () => resolve());
          socket.once('connect_error', reject);
          sockets.push(socket);
        }),
    ),
  );
}

let instantSerial = 0;
let lastInstantAt = 0;
let listedSerial = 0;

/** A gig as an employer of the market posts it: mostly listed, an instant one now and then. */
function gigInput(phase: MixPhase) {
  const now = Date.now();
  if (now - lastInstantAt >= phase.instantEverySeconds * 1000) {
    lastInstantAt = now;
    // One welder for an hour; successive instant gigs never overlap, so every one can be taken.
    const n = instantSerial++;
    const startsAt = new Date(now + (2 + Math.floor(n / 8)) * DAY);
    startsAt.setUTCHours(0 + (n % 8), 0, 0, 0); // 08:00 to 15:00 in Asia/Shanghai
    return {
      title: `即时快招电焊工${n + 1}号`,
      description: '钢结构厂房补焊，一小时，现场结算。',
      skills: ['welder'],
      headcount: 1,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
      regionCode: '370832',
      address: '梁山县拳铺镇工业园区8号',
      location: { lat: 35.802 + (random() - 0.5) * 0.02, lng: 116.096 + (random() - 0.5) * 0.02 },
      payFen: 4_000,
      payUnit: 'HOUR',
      payDueDays: 3,
      instant: true,
      searchRadiusKm: 30,
    };
  }
  const town = pick(TOWNS);
  const work = pick(LISTED);
  const day = new Date(now + (3 + Math.floor(random() * 40)) * DAY);
  day.setUTCHours(0, 0, 0, 0);
  return {
    title: `${work.title}零工${++listedSerial}`,
    description: '按时到岗，中午管饭，当天结算。',
    skills: [work.skill],
    headcount: 1 + Math.floor(random() * 10),
    startsAt: day.toISOString(),
    endsAt: new Date(day.getTime() + 9 * HOUR).toISOString(),
    regionCode: town.regionCode,
    address: town.address,
    location: { lat: town.lat + (random() - 0.5) * 0.05, lng: town.lng + (random() - 0.5) * 0.05 },
    payFen: 20_000,
    payUnit: 'DAY',
    payDueDays: 3,
    olderFriendly: random() < 0.5,
  };
}

async function run(phase: MixPhase): Promise<PhaseResult> {
  const target = new URL(phase.url);
  const pool = new Pool(target.origin, { connections: phase.connections, pipelining: 1 });
  if ((phase.mix.accept ?? 0) > 0) await connectWorkers(phase.url, phase.workers);

  const weights = Object.entries(phase.mix).filter(([, w]) => (w ?? 0) > 0) as [OpKind, number][];
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  const draw = (): OpKind => {
    let r = random() * total;
    for (const [kind, w] of weights) {
      r -= w;
      if (r < 0) return kind;
    }
    return weights[0]?.[0] ?? 'hello';
  };

  async function graphql(body: unknown, token?: string): Promise<Answer> {
    const { statusCode, body: stream } = await pool.request({
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const answer = (await stream.json()) as Answer;
    if (statusCode >= 400 && !answer.errors) throw new Error(`HTTP ${statusCode}`);
    return answer;
  }
  const failure = (answer: Answer) =>
    answer.errors ? `${answer.errors[0]?.extensions?.code}: ${answer.errors[0]?.message}` : undefined;

  async function send(kind: OpKind): Promise<Sent> {
    switch (kind) {
      case 'hello': {
        const { statusCode, body } = await pool.request({ method: 'GET', path: '/' });
        await read(body, false);
        return { kind, ok: statusCode === 200, error: `HTTP ${statusCode}` };
      }
      case 'kiosk': {
        const kiosk = pick(phase.kiosks);
        const had = phase.revalidate ? etags.get(kiosk) : undefined;
        const request = had ? { ...kiosk, headers: { ...kiosk.headers, 'if-none-match': had } } : kiosk;
        const { statusCode, headers, body } = await pool.request(request);
        boards += 1;
        if (statusCode === 304 && had) {
          await read(body, false);
          return { kind, ok: headers.etag === had, error: 'a 304 with another ETag' };
        }
        if (phase.revalidate && typeof headers.etag === 'string') etags.set(kiosk, headers.etag);
        // Every answer must be a gzipped 200 (as a browser asks); every 20th is unpacked and read
        // as bytes (a board, no error), so the client's own unpacking and parsing of 40 KB a
        // request does not become what is measured. Anything else is parsed for its error.
        const gzipped = headers['content-encoding'] === 'gzip';
        const checked = statusCode !== 200 || !gzipped || boards % 20 === 0;
        const sent = await read(body, checked);
        boardBytes += sent.length;
        if (!checked) return { kind, ok: true };
        const bytes = gzipped ? gunzipSync(sent.bytes) : sent.bytes;
        const ok = statusCode === 200 && gzipped && bytes.subarray(0, BOARD_START.length).equals(BOARD_START);
        if (ok && bytes.indexOf(ERRORS_KEY) === -1) return { kind, ok };
        const answer = JSON.parse(bytes.toString()) as Answer;
        return { kind, ok: false, error: failure(answer) ?? `HTTP ${statusCode}, gzipped: ${gzipped}` };
      }
      case 'search': {
        const worker = pick(phase.workers);
        const answer = await graphql(
          { query: GIGS_QUERY, variables: { search: pick(phase.searches), first: PAGE } },
          worker.token,
        );
        const gigs = answer.data?.gigs as { degraded?: boolean } | undefined;
        if (gigs?.degraded) return { kind, ok: false, error: 'answered degraded' };
        return { kind, ok: !answer.errors && !!gigs, error: failure(answer) };
      }
      case 'post': {
        const answer = await graphql(
          { query: POST, variables: { input: gigInput(phase) } },
          pick(phase.employers),
        );
        return { kind, ok: !answer.errors, error: failure(answer) };
      }
      case 'accept':
      case 'profile': {
        const offer = kind === 'accept' ? waitingOffers.shift() : undefined;
        if (!offer) {
          const answer = await graphql({ query: ME }, pick(phase.workers).token);
          return { kind: 'profile', ok: !answer.errors && !!answer.data?.me, error: failure(answer) };
        }
        const answer = await graphql({ query: ACCEPT, variables: { offerId: offer.offerId } }, offer.token);
        const code = answer.errors?.[0]?.extensions?.code;
        if (code && LOST_RACE.has(code)) return { kind, ok: true, outcome: code };
        return {
          kind,
          ok: !answer.errors,
          outcome: answer.errors ? undefined : 'HIRED',
          error: failure(answer),
        };
      }
    }
  }

  const began = performance.now();
  const measureFrom = began + phase.warmupSeconds * 1000;
  const tally = createTally(measureFrom, phase.seconds);
  const loop = { measureFrom, tally, draw, send };
  const open = phase.rate ? await openLoop({ ...loop, rate: phase.rate, began }) : undefined;
  if (!phase.rate) await closedLoop({ ...loop, connections: phase.connections });
  await pool.close();

  return {
    name: phase.name,
    seconds: phase.seconds,
    ...(phase.rate ? { rate: phase.rate } : {}),
    ...tally.result(),
    senderLagMs: open?.senderLagMs,
    unanswered: open?.unanswered,
    offersReceived,
    boardBytes: boards ? Math.round(boardBytes / boards) : 0,
  };
}

process.on('message', async (phase: MixPhase) => {
  try {
    process.send?.({ ok: true, result: await run(phase) });
  } catch (error) {
    process.send?.({ ok: false, error: (error as Error).stack ?? String(error) });
  }
});
// The bench closes the channel when it is done (or dies): no client outlives it.
process.on('disconnect', () => {
  for (const socket of sockets) socket.close();
  process.exit(0);
});
