// The measures of bench/offers.ts, each taken on two rows with the same forked phones: the API
// (postGig → `offer` received; a race of accepts over GraphQL or the socket) and the bare floor
// (bench/bare-server.ts in its own process: POST → the same number of `offer` events; a race
// answered at once). The run alternates them, so both rows see the same machine state. Waves
// have a third row, "bare + durable write" (`durable`): the bare server writes the wave's offer
// rows to PostgreSQL and commits before it emits, as the API must (diagnostic; no race).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../src/db/client.js';
import { type BareServer, sample } from './bare-floor.js';
import { cpuBetween, cpuSample } from './cpu-share.js';
import { sleep } from './harness.js';
import { type Gql, gigOutcome, instantGig, offerCounts, POST_GIG } from './offers-market.js';
import { type AcceptAnswer, now, type Via } from './offers-protocol.js';
import { stats } from './report.js';
import type { SocketClient } from './socket-clients.js';

export type Row = 'bare' | 'api' | 'durable';

/** One wave timed: each recipient's latency from the post sent to its `offer` arrived. */
export type Wave = {
  row: Row;
  gigId: string;
  /** API: postGig's answer; bare, durable: the POST's answer (after the server's emit loop). */
  postMs: number;
  latencies: number[];
  duplicates: number;
  /** Offers written (API, durable) or emitted (bare), and how many were acked. */
  offers: number;
  delivered: number;
};

export type Race = {
  row: Row;
  via: Via;
  gigId: string;
  offers: number;
  answers: AcceptAnswer[];
  unanswered: number;
  /** API only: hires in the database and the gig's seats taken once the race settled. */
  engagements: number | null;
  filled: number | null;
  /** API only: the transactions the hires took (distinct hire times). */
  batches: number | null;
  startAt: number;
  cpu: { ours: number; others: number };
  /**
   * From the accepts' ask to the end of the settling pause after them, in µs of the monotonic clock
   * (process.hrtime, a V8 CPU profile's own clock): the race's work in the API, its pushes after
   * the crowd included, for bench/cpu-profile-summary.ts --windows.
   */
  window: { from: number; to: number };
  /**
   * CPU time (utime + stime, 10 ms ticks) the server process of the row (the API, or the bare
   * server) used over the window: steadier on a shared machine than latency or a profile's
   * samples, which count the time the process waited for a core too.
   */
  serverCpuMs: number | null;
};

export function createRounds(deps: {
  clients: SocketClient[];
  db: Database;
  api: { url: string; gql: Gql; employerToken: string; pid: number };
  bare: BareServer;
  headcount: number;
  recipients: number;
  random: () => number;
  gigRandom: () => number;
  /** The seeded worker (its uuid) behind bare socket `i`: a durable wave's rows name real workers. */
  workerIdOf: (i: number) => string;
}) {
  const { clients, db, bare } = deps;
  let gigNumber = 0;
  let bareNumber = 0;
  /** The gig of the last API wave: a durable wave's rows are offers of a real gig, one wave each. */
  let lastApiGig: string | null = null;

  const receivedOf = async (gigId: string) =>
    (await Promise.all(clients.map((c) => c.ask({ type: 'count', gigId })))).reduce(
      (sum, r) => sum + r.received,
      0,
    );

  async function arrivalsOf(gigId: string, sentAt: number) {
    const arrivals = await Promise.all(clients.map((c) => c.ask({ type: 'arrivals', gigId })));
    return {
      latencies: arrivals.flatMap((a) => a.at.map((at) => at - sentAt)),
      duplicates: arrivals.reduce((sum, a) => sum + a.duplicates, 0),
    };
  }

  /**
   * Waits until a wave's offers have reached the sockets: all of them, or (API) every offer row
   * once nothing has come for 2 s, or 30 s at most.
   */
  async function waitReceived(gigId: string, sentAt: number, rows: () => Promise<number> | null) {
    let received = 0;
    let lastChange = now();
    for (;;) {
      const count = await receivedOf(gigId);
      if (count !== received) lastChange = now();
      received = count;
      if (received >= deps.recipients) break;
      const written = now() - lastChange > 2_000 ? await rows() : null;
      // Fewer matches than recipients: done once every committed offer has arrived.
      if (written !== null && written > 0 && received >= written) break;
      if (now() - sentAt > 30_000) break;
      await sleep(20);
    }
    return received;
  }

  /**
   * Posts the next instant gig and times postGig sent (here) → `offer` event arrived (in a
   * client); then waits until every ack is recorded, so the next measure runs on a quiet API.
   */
  async function apiWave(): Promise<Wave> {
    const input = instantGig(gigNumber++, deps.headcount, deps.gigRandom);
    const sentAt = now();
    const { postGig } = await deps.api.gql<{ postGig: { id: string } }>(
      POST_GIG,
      { input },
      deps.api.employerToken,
    );
    const postMs = now() - sentAt;
    const gigId = postGig.id;
    lastApiGig = gigId;
    const received = await waitReceived(gigId, sentAt, async () => (await offerCounts(db, gigId)).offers);
    const { latencies, duplicates } = await arrivalsOf(gigId, sentAt);
    let counts = await offerCounts(db, gigId);
    for (let waited = 0; counts.delivered < received && waited < 10_000; waited += 50) {
      await sleep(50);
      counts = await offerCounts(db, gigId);
    }
    return { row: 'api', gigId, postMs, latencies, duplicates, ...counts };
  }

  /**
   * The bare server emits `recipients` offers to as many of its `sockets` workers, drawn at random;
   * `durable`: after writing and committing one offer row each (of the last API wave's gig, to the
   * seeded workers behind those sockets), timed from the POST as the bare row is.
   */
  async function bareWave(sockets: number, durable = false): Promise<Wave> {
    const gigId = `${durable ? 'durable' : 'bare'}-${bareNumber++}`;
    const picked = sample(deps.random, sockets, deps.recipients);
    const rooms = picked.map((i) => `worker:${bareWorkerId(i)}`);
    const rows = durable
      ? { offerGigId: lastApiGig ?? '', workerIds: picked.map((i) => deps.workerIdOf(i)) }
      : null;
    if (rows && !rows.offerGigId) throw new Error('a durable wave needs an API wave before it');
    const sentAt = now();
    await (rows ? bare.waveDurable(gigId, bareNumber, rooms, rows) : bare.wave(gigId, bareNumber, rooms));
    const postMs = now() - sentAt;
    const received = await waitReceived(gigId, sentAt, () => null);
    const { latencies, duplicates } = await arrivalsOf(gigId, sentAt);
    let acked = await bare.acked(gigId);
    for (let waited = 0; acked < received && waited < 10_000; waited += 20) {
      await sleep(20);
      acked = await bare.acked(gigId);
    }
    const row = durable ? 'durable' : 'bare';
    return { row, gigId, postMs, latencies, duplicates, offers: rooms.length, delivered: acked };
  }

  /** Every offer of the wave is accepted at once by its phone, from a common start 300 ms ahead. */
  async function race(wave: Wave, via: Via): Promise<Race> {
    await sleep(300);
    const url = wave.row === 'api' ? deps.api.url : bare.url;
    const startAt = now() + 300;
    const from = monotonicMicros();
    const cpuStart = cpuSample();
    const replies = await Promise.all(
      clients.map((c) => c.ask({ type: 'accept', gigId: wave.gigId, url, via, startAt, timeoutMs: 60_000 })),
    );
    const cpu = cpuBetween(cpuStart, cpuSample());
    // Let the losers' withdrawals and the winners' releases finish before the next measure.
    await sleep(wave.row === 'api' ? 1_000 : 300);
    const window = { from, to: monotonicMicros() };
    const cpuEnd = cpuSample();
    const serverPid = wave.row === 'api' ? deps.api.pid : bare.pid;
    const ticks = (cpuEnd.ours.get(serverPid) ?? Number.NaN) - (cpuStart.ours.get(serverPid) ?? Number.NaN);
    const outcome = wave.row === 'api' ? await gigOutcome(db, wave.gigId) : null;
    return {
      row: wave.row,
      via,
      gigId: wave.gigId,
      offers: replies.reduce((sum, r) => sum + r.offers, 0),
      answers: replies.flatMap((r) => r.answers),
      unanswered: replies.reduce((sum, r) => sum + r.unanswered, 0),
      engagements: outcome?.engagements ?? null,
      filled: outcome?.filled ?? null,
      batches: outcome?.batches ?? null,
      startAt,
      cpu,
      window,
      serverCpuMs: Number.isFinite(ticks) ? ticks * 10 : null,
    };
  }

  /**
   * A wave on each row, and per accept route a race on each (new waves, a wave's offers race
   * once): the first GraphQL race of a fresh API took 1.6-2x the CPU of the next ones (its accept
   * path compiled as it ran), and its slowest answers made the pooled p99 of the counted races.
   */
  async function warmUp(sockets: number, vias: Via[]): Promise<string> {
    const said: string[] = [];
    for (const [i, via] of vias.entries()) {
      const bareWarm = await bareWave(sockets);
      const apiWarm = await apiWave();
      const durableWarm = await bareWave(sockets, true);
      if (i === 0)
        said.push(
          `bare ${describeWave(bareWarm)}; API ${describeWave(apiWarm)}; bare + durable write ${describeWave(durableWarm)}`,
        );
      const bareRace = await race(bareWarm, via);
      const apiRace = await race(apiWarm, via);
      said.push(`race via ${via} bare: ${describeRace(bareRace)}; API: ${describeRace(apiRace)}`);
    }
    return said.join('\n  warm-up (not counted): ');
  }

  return { apiWave, bareWave, race, warmUp };
}

const monotonicMicros = () => Number(process.hrtime.bigint() / 1_000n);

/** Writes the API races' windows by accept route (race-windows-<via>.json in `dir`); says where. */
export async function writeRaceWindows(dir: string, sizes: { races: Race[] }[]): Promise<string> {
  const byVia: Record<string, { from: number; to: number }[]> = {};
  for (const r of sizes.flatMap((s) => s.races))
    if (r.row === 'api') byVia[r.via] = [...(byVia[r.via] ?? []), r.window];
  const files = Object.entries(byVia).map(
    ([via, list]) => [join(dir, `race-windows-${via}.json`), list] as const,
  );
  for (const [file, list] of files) await writeFile(file, JSON.stringify(list));
  return files.map(([file]) => file).join(', ');
}

/** The bare server's workers: their own ids, so a phone holds both a worker's API and bare sockets apart. */
export const bareWorkerId = (i: number) => `bare${i}`;

export const raceLatencies = (r: Race) => r.answers.map((a) => a.answeredAt - a.sentAt);

export function describeWave(w: Wave): string {
  const s = stats(w.latencies);
  return `${w.latencies.length}/${w.offers} offers, p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, first ${s.count > 0 ? Math.min(...w.latencies).toFixed(1) : '—'} ms`;
}

export function describeRace(r: Race): string {
  const s = stats(raceLatencies(r));
  const wins = r.answers.filter((a) => a.ok).length;
  const hires =
    r.engagements === null ? '' : `, ${wins} won, ${r.engagements} engagements in ${r.batches} batches`;
  const cpu = r.serverCpuMs === null ? '' : `; server CPU ${r.serverCpuMs} ms`;
  return `${r.answers.length} answers${hires}; p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms${cpu}`;
}
