import { sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { type CertificateDesk, certificateDesk } from '../../support/certificate-desk.js';
import { gigInput, postGig, verifiedEmployer } from '../../support/gigs.js';
import { offerRows, seedWorkers, testClock } from '../../support/hiring.js';
import { seedSmsWorkers, textsTo } from '../../support/sms.js';
import { connectSocket } from '../../support/sockets.js';

const DAY = 24 * 3_600_000;
// Sweeps and the notice job are run by hand with the test's clock.
const ENV = {
  OFFER_FAN_OUT: '10',
  OFFER_SWEEP_MS: '60000',
  GIG_SWEEP_MS: '3600000',
  WORK_SWEEP_MS: '3600000',
  CERTIFICATE_SWEEP_MS: '86400000',
};

const SKILLS = `query ($w: ID!) { worker(id: $w) {
  skills { skill { code } level levelName certified source certificate { id kind } }
  certificates { id kind valid }
} }`;
const APPLY = 'mutation ($g: ID!) { applyToGig(gigId: $g) { id } }';

type Row = Record<string, unknown>;

/** Skill levels that can be trusted (docs/skills.md): certificates, levels, ranking, expiry. */
describe('certificates recorded by a station, the levels they back, and their expiry', () => {
  const clock = testClock();
  let t: TestApp;
  let baseUrl: string;
  let desk: CertificateDesk;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ env: ENV, clock });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    desk = await certificateDesk(t, clock);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t?.close();
  });

  const rows = async (query: ReturnType<typeof sql>) => (await t.app.db.execute(query)) as unknown as Row[];

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
      issuedOn: desk.dayAfter(-100),
    };

    const refusals = [
      [{ ...good, kind: 'SPECIAL_OPERATION', level: null, expiresOn: desk.dayAfter(300) }, 'kind'],
      [{ ...good, level: 6 }, 'level'],
      [{ ...good, issuedOn: desk.dayAfter(2) }, 'issuedOn'],
      [{ ...good, issuedOn: '2024-02-30' }, 'issuedOn'],
      [{ ...good, expiresOn: desk.dayAfter(-1) }, 'expiresOn'],
      [{ ...good, number: '12' }, 'number'],
      [{ ...good, skillCode: 'nonesuch' }, 'skillCode'],
    ] as const;
    for (const [input, field] of refusals) {
      const answer = await desk.record(input);
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(answer.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff]/); // the Chinese catalogue line
    }
    const electrician = await desk.record({
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

    const recorded = await desk.record(good);
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data?.recordWorkerCertificate).toMatchObject({
      kind: 'SKILL_LEVEL',
      level: 4,
      valid: true,
      verifiedBy: 'STATION_OPERATOR',
      skill: { code: 'bricklayer', specialOperation: null },
    });
    const again = await desk.record(good);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'number' });

    const seen = await t.gql<{ worker: { skills: Row[]; certificates: Row[] } }>(
      SKILLS,
      { w: worker.id },
      desk.operator,
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
    expect(audit).toEqual({ action: 'WORKER_CERTIFICATE_VERIFIED', station: desk.stationId });

    await desk.operationCertificate(worker, 'scaffolder', desk.dayAfter(200));
    const document = await t.app.meili.index('workers').getDocument(worker.id);
    expect(document).toMatchObject({
      skillLevels: { bricklayer: 4, scaffolder: 1 },
      certifiedSkills: ['bricklayer'],
      specialOperationSkills: ['scaffolder'],
    });
    expect(document.specialOperationUntil).toBe(
      Math.floor(new Date(`${desk.dayAfter(200)}T23:59:59.999+08:00`).getTime() / 1000),
    );
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
    const levelled = await desk.record({
      workerId: certified.id,
      skillCode: 'plasterer',
      kind: 'QUALIFICATION',
      level: 3,
      number: 'Q370832202300456',
      issuer: '山东省人力资源和社会保障厅',
      issuedOn: desk.dayAfter(-800),
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
      ...desk.gigDay(3),
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
    const expiresOn = desk.dayAfter(40);
    await desk.operationCertificate(holder, 'electrician', expiresOn);
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
    const onLastDay = await postGig(t, employer.token, { ...near, ...desk.gigDay(29) });
    const afterExpiry = await postGig(t, employer.token, { ...near, ...desk.gigDay(30) });
    await t.app.services.hiring.drain();
    expect((await offerRows(t, onLastDay.id)).map((o) => o.worker_id)).toEqual([holder.id]);
    expect(await offerRows(t, afterExpiry.id)).toHaveLength(0);

    // Past its expiry by the market clock, the certificate reads as invalid.
    clock.advance(30 * DAY);
    const seen = await t.gql<{ worker: { certificates: Row[] } }>(SKILLS, { w: holder.id }, desk.operator);
    expect(seen.data?.worker.certificates).toEqual([
      expect.objectContaining({ kind: 'SPECIAL_OPERATION', valid: false }),
    ]);
  });
});
