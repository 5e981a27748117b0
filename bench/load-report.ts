// The README-ready report of bench/load.ts: the phases, the mixed runs by kind, CPU, memory, goals.
import type { OpKind, OpStats, PhaseResult } from './mix-client.js';
import { stats, table } from './report.js';

export const GOALS = { listingShare: 0.6, p99Ms: 50 };

/** Cores used during a phase: its server (hello-world or the API), the client, our other processes, everyone else. */
export type PhaseCpu = { server: number; client: number; backing: number; others: number };
export type Measured = PhaseResult & { cpu: PhaseCpu; rss?: number[] };

const ms = (x: number) => x.toFixed(x < 10 ? 2 : 1);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const us = (r: Measured) => ((r.cpu.server * 1e6) / r.perSecond).toFixed(0);
const usClient = (r: Measured) => ((r.cpu.client * 1e6) / r.perSecond).toFixed(0);
const cores = (cpu: PhaseCpu) =>
  `${cpu.server.toFixed(2)} / ${cpu.client.toFixed(2)} / ${cpu.backing.toFixed(2)} / ${cpu.others.toFixed(2)}`;

function byKind(run: Measured) {
  const row = (kind: OpKind, s: OpStats) => [
    kind,
    String(s.count),
    `${((100 * s.count) / run.requests).toFixed(1)} %`,
    ms(s.p50),
    ms(s.p99),
    ms(s.max),
    String(s.errors),
    Object.entries(s.outcomes)
      .map(([k, n]) => `${k} ${n}`)
      .join(', '),
  ];
  return table(
    ['kind', 'requests', 'share', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'outcomes'],
    (Object.entries(run.byKind) as [OpKind, OpStats][]).map(([k, s]) => row(k, s)),
  );
}

function perSecond(run: Measured) {
  const series = run.perSecondSeries;
  const rss = run.rss ?? [];
  const memory = rss.length ? ` API RSS: median ${mib(stats(rss).p50)}, max ${mib(Math.max(...rss))}.` : '';
  return `Answers per second: min ${Math.min(...series)}, median ${stats(series).p50}, max ${Math.max(...series)}.${memory}`;
}

export function loadReport(input: {
  header: string[];
  hello: Measured;
  listing: Measured;
  /** The same listings asked with If-None-Match, as a kiosk's browser asks again: 304s. */
  revalidated: Measured;
  bare: Measured;
  closed: Measured;
  probes: Measured[];
  sustained: Measured;
  peak: number;
  facts?: { posted: number; hires: number; oversold: number };
}) {
  const { hello, listing, revalidated, bare, closed, probes, sustained, peak, facts } = input;
  const share = listing.perSecond / hello.perSecond;
  const all = [hello, listing, revalidated, bare, closed, ...probes, sustained];
  const errors = all.reduce((sum, r) => sum + r.errors, 0);
  const goals = {
    listing: share >= GOALS.listingShare,
    p99: sustained.latency.p99 < GOALS.p99Ms && sustained.errors === 0,
    errors: errors === 0,
  };
  const phaseRow = (r: Measured) => [
    r.name,
    r.rate ? `open, ${r.rate}/s` : 'closed',
    String(r.seconds),
    String(r.requests),
    r.perSecond.toFixed(0),
    ms(r.latency.p50),
    ms(r.latency.p99),
    String(r.errors),
    cores(r.cpu),
  ];
  const lines = [
    ...input.header,
    '',
    table(
      [
        'Phase',
        'loop',
        'seconds',
        'requests',
        'req/s',
        'p50 ms',
        'p99 ms',
        'errors',
        'cores: server / client / PG+Meili / others',
      ],
      [hello, listing, revalidated, bare, closed, sustained].map(phaseRow),
    ),
    '',
    `Listings: ${(share * 100).toFixed(0)} % of hello-world's req/s; the same answer from a bare node:http server: ${((100 * bare.perSecond) / hello.perSecond).toFixed(0)} %. Server CPU per request: hello-world ${us(hello)} µs, listing ${us(listing)} µs, bare ${us(bare)} µs; client ${usClient(hello)}, ${usClient(listing)}, ${usClient(bare)} µs. Revalidated listings (If-None-Match, answered 304): ${((100 * revalidated.perSecond) / hello.perSecond).toFixed(0)} % of hello-world's req/s, server ${us(revalidated)} µs, client ${usClient(revalidated)} µs a request.`,
    '',
    `Mixed, closed loop (saturated), by kind. ${perSecond(closed)}`,
    '',
    byKind(closed),
    '',
    `Mixed, open loop at ${sustained.rate} req/s (the sustained rate), by kind; the sender was at most ${ms(sustained.senderLagMs ?? 0)} ms late, ${sustained.unanswered ?? 0} requests unanswered. ${perSecond(sustained)} Peak (VmHWM) ${mib(peak)}.`,
    '',
    byKind(sustained),
    '',
    ...(facts
      ? [
          `Gigs posted during the sustained run: ${facts.posted}. In the whole benchmark: offers pushed to the sockets ${sustained.offersReceived}, hires ${facts.hires}, oversold gigs ${facts.oversold}.`,
          '',
        ]
      : []),
    ...(probes.length
      ? [
          `Rate search (open loop, ${probes[0]?.seconds} s each): ${probes.map((p) => `${p.rate}/s p99 ${ms(p.latency.p99)} ms${p.errors ? `, ${p.errors} errors` : ''}`).join('; ')}.`,
          '',
        ]
      : []),
    `Goals: cached listing ≥ ${GOALS.listingShare * 100} % of hello-world: ${(share * 100).toFixed(0)} % ${goals.listing ? 'PASS' : 'FAIL'}; mixed p99 < ${GOALS.p99Ms} ms at the sustained rate (${sustained.rate} req/s): ${ms(sustained.latency.p99)} ms ${goals.p99 ? 'PASS' : 'FAIL'}; no errors: ${
      goals.errors
        ? 'PASS'
        : `FAIL (${errors}: ${all
            .flatMap((r) => r.errorSamples)
            .slice(0, 5)
            .join('; ')})`
    }`,
  ];
  return { lines, goals, share };
}
