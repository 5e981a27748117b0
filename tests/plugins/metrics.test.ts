import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { postGig, verifiedEmployer } from '../support/gigs.js';
import { ACCEPT_OFFER, offerRows, seedWorkers } from '../support/hiring.js';
import { connectSocket } from '../support/sockets.js';

/** One sample line of the exposition format: name, labels, value. */
type Sample = { name: string; labels: Record<string, string>; value: number };

function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/);
    if (!match) throw new Error(`not an exposition line: ${line}`);
    const labels = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [
        m[1],
        m[2],
      ]),
    );
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return samples;
}

type Scrape = {
  text: string;
  /** The sum of every sample of `name` whose labels include `labels`; undefined if there is none. */
  value(name: string, labels?: Record<string, string>): number | undefined;
};

/** A scrape whose sums treat a metric with no sample yet as 0, for deltas. */
const zeroIfAbsent = (scrape: Scrape, name: string, labels?: Record<string, string>) =>
  scrape.value(name, labels) ?? 0;

/** Real time plus an offset the test moves, so latencies are real and offers can still expire. */
function offsetClock() {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance(ms: number) {
      offsetMs += ms;
    },
  };
}

const OFFER_COUNTERS = ['sent', 'delivered', 'accepted', 'declined', 'expired', 'withdrawn'] as const;

describe('metrics', () => {
  let t: TestApp;
  let baseUrl: string;
  const clock = offsetClock();

  async function scrape(headers: Record<string, string> = {}): Promise<Scrape> {
    const response = await t.app.inject({ method: 'GET', url: '/metrics', headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parseMetrics(response.body);
    return {
      text: response.body,
      value(name, labels = {}) {
        const matching = samples.filter(
          (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
        );
        return matching.length === 0 ? undefined : matching.reduce((sum, s) => sum + s.value, 0);
      },
    };
  }

  /** How much each offer counter rose between two scrapes. */
  const offerDeltas = (before: Scrape, after: Scrape) =>
    Object.fromEntries(
      OFFER_COUNTERS.map((event) => {
        const name = `lingong_offers_${event}_total`;
        return [event, zeroIfAbsent(after, name) - zeroIfAbsent(before, name)];
      }),
    );

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { OFFER_SWEEP_MS: '60000', STATS_FOLD_MS: '3600000' } });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('exposes every metric with help text, the Node defaults included, all prefixed lingong_', async () => {
    const { text } = await scrape();
    for (const name of [
      'lingong_http_request_duration_seconds',
      'lingong_graphql_operation_duration_seconds',
      'lingong_post_to_offer_seconds',
      'lingong_outbox_lag_seconds',
      'lingong_open_sockets',
      'lingong_timers_due',
      'lingong_open_arrears_cases',
      'lingong_process_cpu_user_seconds_total',
      'lingong_nodejs_eventloop_lag_seconds',
      ...OFFER_COUNTERS.map((event) => `lingong_offers_${event}_total`),
    ]) {
      expect(text).toMatch(new RegExp(`^# HELP ${name} \\S`, 'm'));
    }
    const names = [...text.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]);
    expect(names.filter((n) => !n?.startsWith('lingong_'))).toEqual([]);
  });

  it('counts an offer sent, delivered over the socket and accepted, timed from the post', async () => {
    const before = await scrape();
    const [worker] = await seedWorkers(t, 1, { skills: [{ code: 'bricklayer', level: 3 }] });
    if (!worker) throw new Error('no worker');
    const socket: Socket = await connectSocket(baseUrl, { token: worker.token });
    const arrived = new Promise<{ offerId: string }>((resolve) => {
      socket.once('offer', (payload, ack: () => void) => {
        ack();
        resolve(payload);
      });
    });
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, { instant: true, headcount: 1, skills: ['bricklayer'] });
    const { offerId } = await arrived;
    await expect.poll(async () => (await offerRows(t, gig.id))[0]?.delivered_at).not.toBeNull();
    const answer = await socket.emitWithAck('offer:accept', { offerId });
    expect(answer).toMatchObject({ ok: true });
    await t.app.services.hiring.drain();

    // The delivery is counted just after its row is written, so poll rather than race it.
    await expect
      .poll(async () => offerDeltas(before, await scrape()))
      .toEqual({ sent: 1, delivered: 1, accepted: 1, declined: 0, expired: 0, withdrawn: 0 });
    const after = await scrape();
    const postToOffer = (s: Scrape) => zeroIfAbsent(s, 'lingong_post_to_offer_seconds_count');
    expect(postToOffer(after) - postToOffer(before)).toBe(1);
    const waited =
      zeroIfAbsent(after, 'lingong_post_to_offer_seconds_sum') -
      zeroIfAbsent(before, 'lingong_post_to_offer_seconds_sum');
    expect(waited).toBeGreaterThan(0);
    expect(waited).toBeLessThan(10);

    const graphqlPosts = { method: 'POST', route: '/graphql', status_code: '200' };
    expect(after.value('lingong_http_request_duration_seconds_count', graphqlPosts)).toBeGreaterThan(
      before.value('lingong_http_request_duration_seconds_count', graphqlPosts) ?? 0,
    );
    const postGigOps = { operation_type: 'mutation', root_field: 'postGig' };
    expect(
      zeroIfAbsent(after, 'lingong_graphql_operation_duration_seconds_count', postGigOps) -
        zeroIfAbsent(before, 'lingong_graphql_operation_duration_seconds_count', postGigOps),
    ).toBe(1);
    expect(after.value('lingong_open_sockets')).toBeGreaterThanOrEqual(1);
    socket.disconnect();
  });

  it('counts declines, and the offers a fill withdraws, exactly', async () => {
    const before = await scrape();
    const workers = await seedWorkers(t, 3, { skills: [{ code: 'painter', level: 2 }] });
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, { instant: true, headcount: 1, skills: ['painter'] });
    await t.app.services.hiring.drain();
    const [first, second] = await offerRows(t, gig.id);
    const tokenOf = (workerId: string | undefined) => workers.find((w) => w.id === workerId)?.token;

    const declined = await t.gql(
      'mutation ($id: ID!) { declineOffer(offerId: $id) { status } }',
      { id: first?.id },
      tokenOf(first?.worker_id),
    );
    expect(declined.errors).toBeUndefined();
    const accepted = await t.gql(ACCEPT_OFFER, { id: second?.id }, tokenOf(second?.worker_id));
    expect(accepted.errors).toBeUndefined();
    await t.app.services.hiring.drain();

    const after = await scrape();
    // Three offers (one seat × fan-out 3): one declined, one accepted, the third withdrawn by the fill.
    expect(offerDeltas(before, after)).toEqual({
      sent: 3,
      delivered: 0,
      accepted: 1,
      declined: 1,
      expired: 0,
      withdrawn: 1,
    });
    // Repeating the accept makes no second hire, and is not counted again.
    await t.gql(ACCEPT_OFFER, { id: second?.id }, tokenOf(second?.worker_id));
    expect(offerDeltas(after, await scrape()).accepted).toBe(0);
  });

  it('shows offers past their expiry as due timers, then counts them expired once swept', async () => {
    await seedWorkers(t, 2, { skills: [{ code: 'plasterer', level: 3 }] });
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, { instant: true, headcount: 1, skills: ['plasterer'] });
    await t.app.services.hiring.drain();
    expect(await offerRows(t, gig.id)).toHaveLength(2);
    const before = await scrape();
    expect(before.value('lingong_timers_due', { timer: 'offer_expiry' })).toBe(0);

    clock.advance(91_000); // past OFFER_TTL_SECONDS (90)
    const due = await scrape();
    expect(due.value('lingong_timers_due', { timer: 'offer_expiry' })).toBe(2);
    expect(due.value('lingong_timers_due', { timer: 'dispatch' })).toBeGreaterThanOrEqual(1);

    await t.app.services.hiring.sweep();
    await t.app.services.hiring.drain();
    const after = await scrape();
    expect(offerDeltas(before, after)).toMatchObject({ expired: 2, sent: 0, withdrawn: 0 });
    expect(after.value('lingong_timers_due', { timer: 'offer_expiry' })).toBe(0);
  });

  it('reads open arrears cases and the outbox lag from PostgreSQL at scrape time', async () => {
    const openCases = async () =>
      (
        (await t.app.db.execute(
          sql`select count(*)::int as n from arrears_cases where status = 'OPEN'`,
        )) as unknown as { n: number }[]
      )[0]?.n;
    expect((await scrape()).value('lingong_open_arrears_cases')).toBe(await openCases());

    const [hire] = (await t.app.db.execute(
      sql`select id, worker_id, gig_id from engagements order by created_at limit 1`,
    )) as unknown as { id: string; worker_id: string; gig_id: string }[];
    if (!hire) throw new Error('no hire to open a case on');
    await t.app.db.execute(sql`insert into arrears_cases (engagement_id, employer_id, worker_id, owed_fen, status, opened_at)
      select ${hire.id}, g.employer_id, ${hire.worker_id}, 20000, 'OPEN', now() from gigs g where g.id = ${hire.gig_id}`);
    expect(await openCases()).toBe(1);
    expect((await scrape()).value('lingong_open_arrears_cases')).toBe(1);
    // The case wrote a statistics delta; the fold empties the queue.
    const waiting = (await scrape()).value('lingong_stat_deltas_waiting');
    expect(waiting).toBeGreaterThan(0);
    expect(await t.app.services.stats.fold()).toBe(waiting);
    expect((await scrape()).value('lingong_stat_deltas_waiting')).toBe(0);

    // A row held back (its next attempt an hour away) and written 90 s ago: the lag is its age.
    await t.app.outbox.drain();
    expect((await scrape()).value('lingong_outbox_lag_seconds')).toBe(0);
    const entityId = randomUUID();
    await t.app.db.execute(sql`insert into outbox (topic, entity_id, created_at, next_attempt_at)
      values ('gigs', ${entityId}, now() - interval '90 seconds', now() + interval '1 hour')`);
    const lag = (await scrape()).value('lingong_outbox_lag_seconds');
    expect(lag).toBeGreaterThanOrEqual(90);
    expect(lag).toBeLessThan(120);
    await t.app.db.execute(sql`delete from outbox where entity_id = ${entityId}`);
  });

  it('times HTTP requests by route pattern, never by the path a client sent', async () => {
    await t.app.inject({ method: 'GET', url: `/no-such-page-${randomUUID()}` });
    await t.app.inject({ method: 'GET', url: '/healthz' });
    const after = await scrape();
    expect(
      after.value('lingong_http_request_duration_seconds_count', { route: 'unmatched' }),
    ).toBeGreaterThan(0);
    expect(
      after.value('lingong_http_request_duration_seconds_count', { route: '/healthz', status_code: '200' }),
    ).toBeGreaterThan(0);
    expect(after.text).not.toContain('no-such-page');
  });

  it('labels a GraphQL operation by its root fields as the schema names them, not by aliases', async () => {
    const before = await scrape();
    const answer = await t.gql(
      'query Look { mine: skills(q: "电焊") { code } regions(parentCode: "370800") { code } }',
    );
    expect(answer.errors).toBeUndefined();
    const after = await scrape();
    const rose = (labels: Record<string, string>) =>
      zeroIfAbsent(after, 'lingong_graphql_operation_duration_seconds_count', labels) -
      zeroIfAbsent(before, 'lingong_graphql_operation_duration_seconds_count', labels);
    expect(rose({ operation_type: 'query', root_field: 'skills' })).toBe(1);
    expect(rose({ operation_type: 'query', root_field: 'regions' })).toBe(1);
    expect(after.text).not.toContain('root_field="mine"');
  });
});

describe('metrics with METRICS_TOKEN', () => {
  const token = 'metrics-token-0123456789abcdef';
  let t: TestApp;

  beforeAll(async () => {
    // A second app in the same process: its own registry, so nothing is registered twice.
    t = await createTestApp({ env: { METRICS_TOKEN: token } });
  });
  afterAll(() => t.close());

  it('answers 401 without the token or with a wrong one, and the metrics with it', async () => {
    const bare = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(bare.statusCode).toBe(401);
    expect(bare.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(bare.body).not.toContain('lingong_');
    const wrong = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${token}x` },
    });
    expect(wrong.statusCode).toBe(401);
    const right = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('# TYPE lingong_offers_sent_total counter');
  });
});
