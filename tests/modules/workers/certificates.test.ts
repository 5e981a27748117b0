import { sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marketDay } from '../../../src/time.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { gigInput, postGig, verifiedEmployer } from '../../support/gigs.js';
import { offerRows, type SeededWorker, seedWorkers, testClock } from '../../support/hiring.js';
import { stationWithKiosk } from '../../support/kiosk.js';
import { adminToken, login, uniquePhone } from '../../support/people.js';
import { seedSmsWorkers, textsTo } from '../../support/sms.js';
import { connectSocket } from '../../support/sockets.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Sweeps and the notice job are run by hand with the test's clock.
const ENV = {
  OFFER_FAN_OUT: '10',
  OFFER_SWEEP_MS: '60000',
  GIG_SWEEP_MS: '3600000',
  WORK_SWEEP_MS: '3600000',
  CERTIFICATE_SWEEP_MS: '86400000',
};

const RECORD = `mutation ($i: RecordCertificateInput!, $s: ID) {
  recordWorkerCertificate(input: $i, stationId: $s) {
    id kind level number issuer issuedOn expiresOn valid verifiedBy skill { code specialOperation }
  }
}`;
const SKILLS = `query ($w: ID!) { worker(id: $w) {
  skills { skill { code } level levelName certified source certificate { id kind } }
  certificates { id kind valid }
} }`;
const APPLY = 'mutation ($g: ID!) { applyToGig(gigId: $g) { id } }';
const ACCEPT = 'mutation ($o: ID!) { acceptOffer(offerId: $o) { id } }';

type Row = Record<string, unknown>;

describe('skill levels that can be trusted: certificates and special operations', () => {
  const clock = testClock();
  let t: TestApp;
  let baseUrl: string;
  let operator: string;
  let stationId: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ env: ENV, clock });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const admin = await adminToken(t);
    stationId = (await stationWithKiosk(t)).stationId;
    const phone = uniquePhone();
    const staff = await t.gql<{ createStaffAccount: { id: string } }>(
      'mutation ($i: CreateStaffAccountInput!) { createStaffAccount(input: $i) { id } }',
      { i: { role: 'STATION_OPERATOR', phone, password: 'operator-pass-1', displayName: '拳铺镇驿站' } },
      admin,
    );
    const assigned = await t.gql(
      'mutation ($s: ID!, $a: ID!) { assignStationOperator(stationId: $s, accountId: $a) { id } }',
      { s: stationId, a: staff.data?.createStaffAccount.id },
      admin,
    );
    expect(assigned.errors).toBeUndefined();
    operator = await login(t, phone, 'operator-pass-1');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t?.close();
  });

  const dayAfter = (days: number) => marketDay(new Date(clock.now().getTime() + days * DAY));

  /** The operator records a certificate they saw, through the API. */
  async function record(input: Record<string, unknown>) {
    return t.gql<{ recordWorkerCertificate: Row }>(RECORD, { i: input, s: stationId }, operator);
  }

  async function operationCertificate(worker: SeededWorker, skillCode: string, expiresOn: string) {
    const answer = await record({
      workerId: worker.id,
      skillCode,
      kind: 'SPECIAL_OPERATION',
      number: `T${worker.id.slice(0, 8)}${skillCode.length}`,
      issuer: '济宁市应急管理局',
      issuedOn: dayAfter(-300),
      expiresOn,
    });
    if (!answer.data) throw new Error(`recordWorkerCertificate failed: ${JSON.stringify(answer.errors)}`);
    await t.app.outbox.drain();
    return answer.data.recordWorkerCertificate;
  }

  /** A gig starting `daysAhead` market days from the test clock's today, 08:00–17:00. */
  function gigDay(daysAhead: number) {
    const start = new Date(`${dayAfter(daysAhead)}T08:00:00+08:00`);
    return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 9 * HOUR).toISOString() };
  }

  const rows = async (query: ReturnType<typeof sql>) => (await t.app.db.execute(query)) as unknown as Row[];

  /** Offers each socket received (the `offer` event, acked). */
  async function listen(workers: SeededWorker[]) {
    const received = new Map<string, string[]>();
    for (const worker of workers) {
      const socket = await connectSocket(baseUrl, { token: worker.token });
      sockets.push(socket);
      received.set(worker.id, []);
      socket.on('offer', (payload: { gigId: string }, ack?: () => void) => {
        received.get(worker.id)?.push(payload.gigId);
        ack?.();
      });
    }
    return received;
  }

  it('records a certificate an operator saw: bad input names the field and writes nothing; the record is audited, sets the level and reaches the workers index', async () => {
    const [worker] = await seedWorkers(t, 1, { skills: [{ code: 'bricklayer', level: 2 }] });
    if (!worker) throw new Error('no worker');
    const good = {
      workerId: worker.id,
      skillCode: 'bricklayer',
      kind: 'SKILL_LEVEL',
      level: 4,
      number: 'S370832202400123',
      issuer: '梁山县职业技能鉴定所',
      issuedOn: dayAfter(-100),
    };

    const refusals = [
      [{ ...good, kind: 'SPECIAL_OPERATION', level: null, expiresOn: dayAfter(300) }, 'kind'],
      [{ ...good, level: 6 }, 'level'],
      [{ ...good, issuedOn: dayAfter(2) }, 'issuedOn'],
      [{ ...good, issuedOn: '2024-02-30' }, 'issuedOn'],
      [{ ...good, expiresOn: dayAfter(-1) }, 'expiresOn'],
      [{ ...good, number: '12' }, 'number'],
      [{ ...good, skillCode: 'nonesuch' }, 'skillCode'],
    ] as const;
    for (const [input, field] of refusals) {
      const answer = await record(input);
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(answer.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff]/); // the Chinese catalogue line
    }
    const electrician = await record({
      ...good,
      skillCode: 'electrician',
      kind: 'SPECIAL_OPERATION',
      level: null,
    });
    expect(electrician.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expiresOn' });
    expect(await rows(sql`select id from worker_certificates where worker_id = ${worker.id}`)).toHaveLength(
      0,
    );
    expect(
      await rows(sql`select level, certified, source from worker_skills where worker_id = ${worker.id}`),
    ).toEqual([{ level: 2, certified: false, source: 'SELF_DECLARED' }]);

    const recorded = await record(good);
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data?.recordWorkerCertificate).toMatchObject({
      kind: 'SKILL_LEVEL',
      level: 4,
      valid: true,
      verifiedBy: 'STATION_OPERATOR',
      skill: { code: 'bricklayer', specialOperation: null },
    });
    const again = await record(good);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'number' });

    const seen = await t.gql<{ worker: { skills: Row[]; certificates: Row[] } }>(
      SKILLS,
      { w: worker.id },
      operator,
    );
    expect(seen.data?.worker.skills).toEqual([
      {
        skill: { code: 'bricklayer' },
        level: 4,
        levelName: '二级/技师',
        certified: true,
        source: 'CERTIFICATE',
        certificate: { id: recorded.data?.recordWorkerCertificate.id, kind: 'SKILL_LEVEL' },
      },
    ]);
    const [audit] = await rows(
      sql`select action, details->>'stationId' as station from audit_log where subject_id = ${worker.id}`,
    );
    expect(audit).toEqual({ action: 'WORKER_CERTIFICATE_VERIFIED', station: stationId });

    await operationCertificate(worker, 'scaffolder', dayAfter(200));
    const document = await t.app.meili.index('workers').getDocument(worker.id);
    expect(document).toMatchObject({
      skillLevels: { bricklayer: 4, scaffolder: 1 },
      certifiedSkills: ['bricklayer'],
      specialOperationSkills: ['scaffolder'],
    });
    expect(document.specialOperationUntil).toBe(
      Math.floor(new Date(`${dayAfter(200)}T23:59:59.999+08:00`).getTime() / 1000),
    );
  });

  it('offers a welding gig only to holders of a valid 特种作业操作证; nobody else can apply or accept, by API or socket', async () => {
    const workers = await seedWorkers(t, 2, {
      skills: [{ code: 'welder', level: 3 }],
      spreadKm: 1,
      operationCertificate: false,
    });
    const [holder, uncertified] = workers;
    if (!holder || !uncertified) throw new Error('no workers');
    await operationCertificate(holder, 'welder', dayAfter(365));
    const received = await listen(workers);

    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, {
      instant: true,
      headcount: 2,
      skills: ['welder'],
      ...gigDay(2),
    });
    await t.app.services.hiring.drain();
    const offers = await offerRows(t, gig.id);
    expect(offers.map((o) => o.worker_id)).toEqual([holder.id]);
    await expect.poll(() => received.get(holder.id)).toEqual([gig.id]);
    expect(received.get(uncertified.id)).toEqual([]);

    const shown = await t.gql<{ gig: { requiresOperationCertificate: boolean } }>(
      'query ($g: ID!) { gig(id: $g) { requiresOperationCertificate } }',
      { g: gig.id },
    );
    expect(shown.data?.gig.requiresOperationCertificate).toBe(true);
    const page = await t.app.inject({ method: 'GET', url: `/g/${gig.id}` });
    expect(page.body).toContain('需持特种作业操作证');

    // Listed or instant, the uncertified welder cannot apply …
    const applied = await t.gql(APPLY, { g: gig.id }, uncertified.token);
    expect(applied.errors?.[0]?.extensions?.code).toBe('CERTIFICATE_REQUIRED');
    expect(applied.errors?.[0]?.message).toContain('特种作业操作证');
    expect(await rows(sql`select id from applications where gig_id = ${gig.id}`)).toHaveLength(0);

    // … nor accept an offer that reached them anyway (one sent before the rule, copied here).
    const [forged] = await rows(sql`
      insert into offers (gig_id, worker_id, wave, tier, distance_km, shown_distance_km, sent_at, expires_at)
      select gig_id, ${uncertified.id}, wave, tier, distance_km, shown_distance_km, sent_at, expires_at
      from offers where gig_id = ${gig.id} and worker_id = ${holder.id} returning id`);
    const accepted = await t.gql(ACCEPT, { o: forged?.id }, uncertified.token);
    expect(accepted.errors?.[0]?.extensions?.code).toBe('CERTIFICATE_REQUIRED');
    const [socket] = sockets.slice(-1);
    const reply = (await socket?.timeout(10_000).emitWithAck('offer:accept', { offerId: forged?.id })) as {
      ok: boolean;
      error?: { code: string };
    };
    expect(reply).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_REQUIRED' } });
    expect(await rows(sql`select id from engagements where gig_id = ${gig.id}`)).toHaveLength(0);
    expect(await rows(sql`select status from offers where id = ${forged?.id}`)).toEqual([
      { status: 'PENDING' },
    ]);

    // The holder accepts over the socket and is hired.
    const holderSocket = sockets[sockets.length - 2];
    const hired = (await holderSocket
      ?.timeout(10_000)
      .emitWithAck('offer:accept', { offerId: offers[0]?.id })) as {
      ok: boolean;
    };
    expect(hired.ok).toBe(true);
    expect(await rows(sql`select worker_id from engagements where gig_id = ${gig.id}`)).toEqual([
      { worker_id: holder.id },
    ]);
  });

  it('offers work at height to a crew only with a holder in it, and hires only the members who hold one', async () => {
    const place = { near: { lat: 35.83, lng: 116.11 }, spreadKm: 1 };
    const [leader, holder, uncertified] = await seedWorkers(t, 3, {
      ...place,
      skills: [{ code: 'scaffolder', level: 3 }],
      operationCertificate: false,
    });
    const [loneLeader, loneMember] = await seedWorkers(t, 2, {
      ...place,
      skills: [{ code: 'scaffolder', level: 4 }],
      operationCertificate: false,
    });
    if (!leader || !holder || !uncertified || !loneLeader || !loneMember) throw new Error('no workers');
    await operationCertificate(holder, 'scaffolder', dayAfter(100));

    async function crewOf(lead: SeededWorker, members: SeededWorker[]) {
      const created = await t.gql<{ createCrew: { id: string } }>(
        'mutation { createCrew(name: "杨营镇架子班") { id } }',
        {},
        lead.token,
      );
      const crewId = created.data?.createCrew.id;
      for (const member of members) {
        await t.gql(
          'mutation ($c: ID!, $w: ID!) { inviteToCrew(crewId: $c, workerId: $w) { id } }',
          { c: crewId, w: member.id },
          lead.token,
        );
        const joined = await t.gql(
          'mutation ($c: ID!) { joinCrew(crewId: $c) { id } }',
          { c: crewId },
          member.token,
        );
        expect(joined.errors).toBeUndefined();
      }
      return crewId as string;
    }
    const crew = await crewOf(leader, [holder, uncertified]);
    const lone = await crewOf(loneLeader, [loneMember]);

    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, { skills: ['scaffolder'], headcount: 2, ...gigDay(4) });
    const OFFER = 'mutation ($g: ID!, $c: ID!) { offerGigToCrew(gigId: $g, crewId: $c) { id } }';
    const refused = await t.gql(OFFER, { g: gig.id, c: lone }, employer.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('CERTIFICATE_REQUIRED');
    expect(await rows(sql`select id from offers where gig_id = ${gig.id}`)).toHaveLength(0);

    const offered = await t.gql<{ offerGigToCrew: { id: string } }>(
      OFFER,
      { g: gig.id, c: crew },
      employer.token,
    );
    expect(offered.errors).toBeUndefined();
    const ACCEPT_CREW =
      'mutation ($o: ID!, $m: [ID!]!) { acceptCrewOffer(offerId: $o, memberIds: $m) { worker { id } } }';
    const offerId = offered.data?.offerGigToCrew.id;
    const both = await t.gql(ACCEPT_CREW, { o: offerId, m: [holder.id, uncertified.id] }, leader.token);
    expect(both.errors?.[0]?.extensions).toMatchObject({
      code: 'CERTIFICATE_REQUIRED',
      workerId: uncertified.id,
    });
    expect(await rows(sql`select id from engagements where gig_id = ${gig.id}`)).toHaveLength(0);
    const one = await t.gql<{ acceptCrewOffer: { worker: { id: string } }[] }>(
      ACCEPT_CREW,
      { o: offerId, m: [holder.id] },
      leader.token,
    );
    expect(one.data?.acceptCrewOffer).toEqual([{ worker: { id: holder.id } }]);
  });

  it('ranks a certified level above the same level self-declared, and a minimum level keeps lower ones out', async () => {
    const place = { lat: 35.9, lng: 116.2 };
    const options = { near: place, spreadKm: 0, reliability: 0.9 };
    const [low] = await seedWorkers(t, 1, { ...options, skills: [{ code: 'plasterer', level: 2 }] });
    // Two at level 3 in the same cell: without the certificate the tie would go by id, so the one
    // certified is the one whose id sorts last.
    const [declared, certified] = (
      await seedWorkers(t, 2, { ...options, skills: [{ code: 'plasterer', level: 3 }] })
    ).sort((a, b) => (a.id < b.id ? -1 : 1));
    if (!low || !declared || !certified) throw new Error('no workers');
    const levelled = await record({
      workerId: certified.id,
      skillCode: 'plasterer',
      kind: 'QUALIFICATION',
      level: 3,
      number: 'Q370832202300456',
      issuer: '山东省人力资源和社会保障厅',
      issuedOn: dayAfter(-800),
    });
    expect(levelled.errors).toBeUndefined();
    await t.app.outbox.drain();

    const employer = await verifiedEmployer(t);
    const badLevel = await t.gql(
      'mutation ($input: PostGigInput!) { postGig(input: $input) { id } }',
      { input: gigInput({ skills: ['plasterer'], minSkillLevel: 6 }) },
      employer.token,
    );
    expect(badLevel.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'minSkillLevel',
    });

    const gig = await postGig(t, employer.token, {
      skills: ['plasterer'],
      minSkillLevel: 3,
      location: place,
      ...gigDay(3),
    });
    const candidates = await t.gql<{ gigCandidates: { worker: { id: string } }[] }>(
      'query ($g: ID!) { gigCandidates(gigId: $g) { worker { id } } }',
      { g: gig.id },
      employer.token,
    );
    expect(candidates.data?.gigCandidates.map((c) => c.worker.id)).toEqual([certified.id, declared.id]);
    const applied = await t.gql(APPLY, { g: gig.id }, low.token);
    expect(applied.errors?.[0]?.extensions?.code).toBe('SKILL_LEVEL_TOO_LOW');
    expect(await rows(sql`select id from applications where gig_id = ${gig.id}`)).toHaveLength(0);
  });

  it('stops matching at the certificate expiry by the market clock, and tells the holder once, ahead, by socket and SMS', async () => {
    const free = {
      startsAt: new Date(clock.now().getTime() - DAY),
      endsAt: new Date(clock.now().getTime() + 60 * DAY),
    };
    const [holder] = await seedSmsWorkers(t, 1, {
      skills: [{ code: 'electrician', level: 3 }],
      near: { lat: 35.78, lng: 116.08 },
      spreadKm: 0,
      free,
      operationCertificate: false,
    });
    if (!holder) throw new Error('no worker');
    const expiresOn = dayAfter(40);
    await operationCertificate(holder, 'electrician', expiresOn);
    const [socket] = [await connectSocket(baseUrl, { token: holder.token })];
    if (!socket) throw new Error('no socket');
    sockets.push(socket);
    const told: Row[] = [];
    socket.on('certificate:expiring', (payload: Row) => told.push(payload));

    // 40 days ahead is outside the 30-day notice: nothing yet.
    expect(await t.app.services.certificates.noticeExpiring()).toBe(0);
    clock.advance(11 * DAY);
    expect(await t.app.services.certificates.noticeExpiring()).toBe(1);
    await expect.poll(() => told.length).toBe(1);
    expect(told[0]).toMatchObject({ skillCode: 'electrician', expiresOn, days: 29 });
    expect(String(told[0]?.message)).toContain('特种作业操作证');
    const texts = textsTo(t, holder.phone);
    expect(texts.filter((sms) => sms.includes('特种作业操作证'))).toHaveLength(1);
    // Told once: the next rounds say nothing more.
    expect(await t.app.services.certificates.noticeExpiring()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(told).toHaveLength(1);
    expect(textsTo(t, holder.phone).filter((sms) => sms.includes('特种作业操作证'))).toHaveLength(1);

    // A gig on the last valid day reaches the holder; one the day after does not.
    const employer = await verifiedEmployer(t);
    const near = {
      location: { lat: 35.78, lng: 116.08 },
      skills: ['electrician'],
      instant: true,
      headcount: 1,
    };
    const onLastDay = await postGig(t, employer.token, { ...near, ...gigDay(29) });
    const afterExpiry = await postGig(t, employer.token, { ...near, ...gigDay(30) });
    await t.app.services.hiring.drain();
    expect((await offerRows(t, onLastDay.id)).map((o) => o.worker_id)).toEqual([holder.id]);
    expect(await offerRows(t, afterExpiry.id)).toHaveLength(0);

    // Past its expiry by the market clock, the certificate reads as invalid.
    clock.advance(30 * DAY);
    const seen = await t.gql<{ worker: { certificates: Row[] } }>(SKILLS, { w: holder.id }, operator);
    expect(seen.data?.worker.certificates).toEqual([
      expect.objectContaining({ kind: 'SPECIAL_OPERATION', valid: false }),
    ]);
  });
});
