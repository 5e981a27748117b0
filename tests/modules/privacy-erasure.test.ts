import { sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { verifiedEmployer } from '../support/gigs.js';
import { hireThroughApplication, seedWorkers, testClock } from '../support/hiring.js';
import { futureHire, ok, PERSON, rowsHolding, workerWithHistory } from '../support/privacy.js';
import { shanghai } from '../support/sms.js';
import { connectSocket, waitFor } from '../support/sockets.js';

type EngagementUpdate = { engagementId: string; status: string; what: string; reason?: string };

/**
 * Erasure (PIPL art. 47) as the person and the employer see it: a hire not yet started is called
 * off and its employer told, as of the worker's own cancellation; what wage law needs stays, and
 * no row of the database holds the person's name, phone or ID number any more.
 */
describe('deleteMyAccount', () => {
  const clock = testClock(shanghai(1, '09:00'));
  let t: TestApp;
  let baseUrl: string;
  let employerSocket: Socket | undefined;

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: {
        OFFER_SWEEP_MS: '60000',
        WORK_SWEEP_MS: '3600000',
        GIG_SWEEP_MS: '3600000',
        SMS_QUIET_START: '00:00',
        SMS_QUIET_END: '00:00',
      },
    });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    employerSocket?.disconnect();
    await t?.close();
  });

  it('calls off a future hire and tells its employer, keeps the past one pseudonymised, and leaves no name, phone or ID in any row', async () => {
    const history = await workerWithHistory(t, clock, 'fruit_tree_pruning');
    const { worker, employer } = history;
    const future = await futureHire(t, clock, employer.token, worker, 'fruit_tree_pruning', 5);
    const [before] = (await t.app.db.execute(
      sql`select contract_hash, amount_due_fen, settled_hours, checked_in_at, check_in_distance_m from engagements where id = ${history.engagementId}`,
    )) as unknown as Record<string, unknown>[];
    const masked = (
      (await t.app.db.execute(
        sql`select id_number_masked from workers where id = ${worker.id}`,
      )) as unknown as {
        id_number_masked: string;
      }[]
    )[0]?.id_number_masked as string;
    // The person is in the database before: the scan below can find them.
    for (const secret of [PERSON.name, worker.phone, masked]) {
      expect(Object.keys(await rowsHolding(t, secret)).length, secret).toBeGreaterThan(0);
    }

    employerSocket = await connectSocket(baseUrl, { token: employer.token });
    const heard = waitFor<EngagementUpdate>(employerSocket, 'engagement:updated');
    const seat = waitFor<{ gigId: string; seatFreed?: string; filled: number }>(
      employerSocket,
      'gig:updated',
    );

    const erased = await ok<{ deleteMyAccount: boolean }>(
      t,
      'mutation ($p: String!) { deleteMyAccount(password: $p) }',
      { p: PERSON.password },
      worker.token,
    );
    expect(erased.deleteMyAccount).toBe(true);

    // The employer hears of it as of a worker's cancellation, and gets the seat back.
    expect(await heard).toMatchObject({
      engagementId: future.engagementId,
      status: 'CANCELLED',
      what: 'CANCELLED_BY_WORKER',
    });
    expect(await seat).toMatchObject({ gigId: future.gig.id, seatFreed: future.engagementId, filled: 0 });
    const [calledOff] = (await t.app.db.execute(
      sql`select status, cancelled_by from engagements where id = ${future.engagementId}`,
    )) as unknown as Record<string, unknown>[];
    expect(calledOff).toEqual({ status: 'CANCELLED', cancelled_by: 'WORKER' });

    // What wage law needs stays: the past hire with its contract hash, hours and pay, the
    // payment, the arrears case and the dispute.
    const [after] = (await t.app.db.execute(
      sql`select contract_hash, amount_due_fen, settled_hours, checked_in_at, check_in_distance_m from engagements where id = ${history.engagementId}`,
    )) as unknown as Record<string, unknown>[];
    expect(after).toEqual(before);
    const [kept] = (await t.app.db.execute(sql`select
        (select status from engagements where id = ${history.engagementId}) as status,
        (select count(*)::int from payments where engagement_id = ${history.engagementId}) as payments,
        (select count(*)::int from arrears_cases where id = ${history.arrearsId}) as arrears,
        (select count(*)::int from disputes where id = ${history.disputeId}) as disputes,
        (select worker_erased_at is not null from engagements where id = ${history.engagementId}) as pseudonymised,
        (select check_in_lat from engagements where id = ${history.engagementId}) as check_in_lat,
        (select contract_text from engagements where id = ${history.engagementId}) as contract_text,
        (select to_char(birth_date, 'MM-DD') from workers where id = ${worker.id}) as birthday`)) as unknown as Record<
      string,
      unknown
    >[];
    expect(kept).toMatchObject({
      status: 'COMPLETED',
      payments: 1,
      arrears: 1,
      disputes: 1,
      pseudonymised: true,
      check_in_lat: null,
      birthday: '01-01',
    });
    expect(kept?.contract_text).toContain(`劳动者：已注销-${worker.id.slice(0, 8)}`);

    // No row anywhere holds the name, the phone, or the ID number (whole or masked).
    for (const secret of [PERSON.name, worker.phone, masked, PERSON.idNumber]) {
      expect(await rowsHolding(t, secret), secret).toEqual({});
    }

    // The employer's view of the past hire: the pseudonym, and a contract that says why it no
    // longer verifies.
    const { myEngagements } = await ok<{
      myEngagements: {
        id: string;
        worker: { name: string };
        contract: { verified: boolean; workerErasedAt: string | null };
      }[];
    }>(
      t,
      '{ myEngagements { id worker { name } contract { verified workerErasedAt } } }',
      {},
      employer.token,
    );
    expect(myEngagements.find((e) => e.id === history.engagementId)).toMatchObject({
      worker: { name: `已注销-${worker.id.slice(0, 8)}` },
      contract: { verified: false, workerErasedAt: expect.any(String) },
    });
  });

  it('lets a signed contract change only as erasure does: once, the worker’s name alone, the hash kept', async () => {
    const [other] = await seedWorkers(t, 1, { skills: [{ code: 'greenhouse_management', level: 3 }] });
    if (!other) throw new Error('no worker seeded');
    const employer = await verifiedEmployer(t);
    const id = await hireThroughApplication(t, employer.token, other, 3, {
      skills: ['greenhouse_management'],
    });
    const refused = (change: Promise<unknown>) =>
      expect(change).rejects.toThrow(/cannot be changed after the hire/);

    // The mark set while changing a term other than the name, the hash or the version: refused.
    await refused(
      t.app
        .sql`update engagements set worker_erased_at = now(), terms = jsonb_set(terms, '{amountDueFen}', '1') where id = ${id}`,
    );
    await refused(
      t.app.sql`update engagements set worker_erased_at = now(), contract_hash = 'forged' where id = ${id}`,
    );
    await refused(
      t.app.sql`update engagements set worker_erased_at = now(), contract_version = 1 where id = ${id}`,
    );
    // Without the mark, nothing of the contract changes (0013's rule).
    await refused(t.app.sql`update engagements set contract_text = contract_text || ' ' where id = ${id}`);
    // The name alone, with the mark: the one change allowed.
    await t.app
      .sql`update engagements set worker_erased_at = now(), terms = jsonb_set(terms, '{workerName}', '"已注销"'),
        contract_text = replace(contract_text, '工人', '已注销') where id = ${id}`;
    // Once: the text again, or the mark undone, is refused.
    await refused(t.app.sql`update engagements set contract_text = contract_text || ' ' where id = ${id}`);
    await refused(t.app.sql`update engagements set worker_erased_at = null where id = ${id}`);
  });
});
