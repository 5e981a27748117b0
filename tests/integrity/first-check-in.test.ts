import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { LIANGSHAN, verifiedEmployer } from '../support/gigs.js';
import { hireThroughApplication, testClock } from '../support/hiring.js';
import { coverHires } from '../support/insurance.js';
import { registerWorker } from '../support/people.js';
import { ok as okThrough } from '../support/privacy.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ENV = {
  WORK_SWEEP_MS: '3600000',
  GIG_SWEEP_MS: '3600000',
  OFFER_SWEEP_MS: '60000',
  CHECK_OUT_GRACE_MINUTES: '120',
};
/** About 2 km north of the gig: off site. */
const NEARBY = { lat: LIANGSHAN.lat + 0.018, lng: LIANGSHAN.lng };

const HIRE = `id status startsAt hoursWorked checkedInAt checkInCode
  checkIn { at offSite distanceM byCode }
  firstCheckIn { at distanceM offSite }`;

type Hire = {
  id: string;
  status: string;
  startsAt: string;
  hoursWorked: number | null;
  checkedInAt: string | null;
  checkInCode: string | null;
  checkIn: { at: string; offSite: boolean; distanceM: number | null; byCode: boolean } | null;
  firstCheckIn: { at: string; distanceM: number | null; offSite: boolean } | null;
};

/**
 * A check-in that replaces another (on site after off site, or by code after an off-site GPS one)
 * counts the hours from itself, but the first stays on the record: an employer who checks a worker
 * in again by code hours later cannot make the 08:00 check-in disappear (docs/attendance.md).
 */
describe('the first check-in stays on the record when a later one replaces it', () => {
  const clock = testClock();
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: ENV, clock });
  });
  afterAll(() => t.close());

  const ok = <T>(query: string, variables: Record<string, unknown>, token: string) =>
    okThrough<T>(t, query, variables, token);
  /** The hire as one of its sides reads it among theirs. */
  async function hireOf(id: string, token: string): Promise<Hire> {
    const read = await ok<{ myEngagements: Hire[] }>(`{ myEngagements { ${HIRE} } }`, {}, token);
    const hire = read.myEngagements.find((each) => each.id === id);
    if (hire) return hire;
    throw new Error(`hire ${id} is not among the caller's`);
  }
  const checkIn = (id: string, at: { lat: number; lng: number }, token: string) =>
    ok<{ checkIn: Hire }>(
      `mutation ($e: ID!, $at: GeoPointInput!) { checkIn(engagementId: $e, at: $at) { ${HIRE} } }`,
      { e: id, at },
      token,
    ).then((data) => data.checkIn);
  const checkInWithCode = (id: string, code: string, token: string) =>
    ok<{ checkInWithCode: Hire }>(
      `mutation ($e: ID!, $c: String!) { checkInWithCode(engagementId: $e, code: $c) { ${HIRE} } }`,
      { e: id, c: code },
      token,
    ).then((data) => data.checkInWithCode);
  const checkOut = (id: string, token: string) =>
    ok<{ checkOut: Hire }>(
      `mutation ($e: ID!) { checkOut(engagementId: $e) { ${HIRE} } }`,
      { e: id },
      token,
    ).then((data) => data.checkOut);
  const until = (at: number) => clock.advance(at - clock.now().getTime());
  /** The hire's first check-in with its time as epoch milliseconds (DateTime reads in +08:00). */
  const firstOf = (hire: Hire) =>
    hire.firstCheckIn && { ...hire.firstCheckIn, at: new Date(hire.firstCheckIn.at).getTime() };

  /** A listed gig tomorrow 08:00–16:00 at 梁山, one registered worker hired for it, covered. */
  async function oneHire() {
    const employer = await verifiedEmployer(t);
    const worker = await registerWorker(t);
    const id = await hireThroughApplication(t, employer.token, worker, 1);
    await coverHires(t, id);
    const hire = await hireOf(id, worker.token);
    if (!hire.checkInCode) throw new Error('the worker has no check-in code');
    return { employer, worker, id, start: new Date(hire.startsAt).getTime(), code: hire.checkInCode };
  }

  it('keeps an off-site check-in the employer replaced by code hours later; the hours count from the code', async () => {
    const { employer, worker, id, start, code } = await oneHire();
    until(start);
    const offSite = await checkIn(id, NEARBY, worker.token);
    expect(offSite.checkIn).toMatchObject({ offSite: true, byCode: false });
    expect(offSite.firstCheckIn).toBeNull();
    const distanceM = offSite.checkIn?.distanceM;
    expect(distanceM).toBeGreaterThan(1_500);

    // Six hours later the employer, who learnt the code, checks the worker in again by it.
    until(start + 6 * HOUR);
    const byCode = await checkInWithCode(id, code, employer.token);
    expect(byCode.checkIn).toMatchObject({ byCode: true, offSite: false, distanceM: null });
    expect(new Date(byCode.checkedInAt ?? 0).getTime()).toBe(start + 6 * HOUR);
    expect(firstOf(byCode)).toEqual({ at: start, distanceM, offSite: true });

    // The hours count from the check-in by code (two of them), as before; the first stays.
    until(start + 8 * HOUR);
    const out = await checkOut(id, worker.token);
    expect(out).toMatchObject({ status: 'COMPLETED', hoursWorked: 2 });
    // Both sides read it, as they read the check-in.
    for (const token of [worker.token, employer.token]) {
      expect(firstOf(await hireOf(id, token))).toEqual({ at: start, distanceM, offSite: true });
    }
  });

  it('keeps an off-site check-in an on-site one replaced', async () => {
    const { employer, worker, id, start } = await oneHire();
    until(start + 5 * MINUTE);
    const offSite = await checkIn(id, NEARBY, worker.token);
    until(start + 65 * MINUTE);
    const onSite = await checkIn(id, LIANGSHAN, worker.token);
    expect(onSite.checkIn).toMatchObject({ offSite: false, distanceM: 0, byCode: false });
    expect(new Date(onSite.checkedInAt ?? 0).getTime()).toBe(start + 65 * MINUTE);
    expect(firstOf(onSite)).toEqual({
      at: start + 5 * MINUTE,
      distanceM: offSite.checkIn?.distanceM,
      offSite: true,
    });
    expect((await hireOf(id, employer.token)).firstCheckIn).toEqual(onSite.firstCheckIn);
  });

  it('keeps nothing for a plain on-site check-in, nor for one repeated', async () => {
    const { worker, id, start } = await oneHire();
    until(start + 2 * MINUTE);
    expect((await checkIn(id, LIANGSHAN, worker.token)).firstCheckIn).toBeNull();
    until(start + 30 * MINUTE);
    expect((await checkIn(id, NEARBY, worker.token)).firstCheckIn).toBeNull();
    const [row] = (await t.app.db.execute(
      sql`select first_checked_in_at, first_check_in_distance_m, first_check_in_off_site from engagements where id = ${id}`,
    )) as unknown as Record<string, unknown>[];
    expect(row).toEqual({
      first_checked_in_at: null,
      first_check_in_distance_m: null,
      first_check_in_off_site: null,
    });
  });

  it('lets no later check-in, nor any write, overwrite the first one kept', async () => {
    const { employer, worker, id, start, code } = await oneHire();
    until(start + 10 * MINUTE);
    const offSite = await checkIn(id, NEARBY, worker.token);
    until(start + 2 * HOUR);
    await checkIn(id, LIANGSHAN, worker.token);
    const first = { at: start + 10 * MINUTE, distanceM: offSite.checkIn?.distanceM, offSite: true };
    // A third check-in, by code, answers the one recorded and leaves the first as it was.
    until(start + 5 * HOUR);
    const third = await checkInWithCode(id, code, employer.token);
    expect(new Date(third.checkedInAt ?? 0).getTime()).toBe(start + 2 * HOUR);
    expect(firstOf(third)).toEqual(first);
    // The database refuses any change to it, whoever writes.
    await expect(
      t.app.db.execute(sql`update engagements set first_checked_in_at = now() where id = ${id}`),
    ).rejects.toMatchObject({
      cause: expect.objectContaining({ constraint_name: 'engagements_first_check_in_kept' }),
    });
    await expect(
      t.app.db.execute(sql`update engagements set first_check_in_distance_m = 0 where id = ${id}`),
    ).rejects.toThrow();
    expect(firstOf(await hireOf(id, worker.token))).toEqual(first);
  });

  it("keeps an erased worker's first check-in (time, distance, off site) as it keeps the check-in's", async () => {
    const { employer, worker, id, start, code } = await oneHire();
    until(start);
    const offSite = await checkIn(id, NEARBY, worker.token);
    until(start + 3 * HOUR);
    await checkInWithCode(id, code, employer.token);
    until(start + 7 * HOUR);
    await checkOut(id, worker.token);

    const erased = await ok<{ deleteMyAccount: boolean }>(
      'mutation ($p: String!) { deleteMyAccount(password: $p) }',
      { p: 'worker-pass-1' },
      worker.token,
    );
    expect(erased.deleteMyAccount).toBe(true);

    // What the erasure keeps of a check-in (time, distance, off-site flag) it keeps of the first.
    const after = await hireOf(id, employer.token);
    expect(firstOf(after)).toEqual({
      at: start,
      distanceM: offSite.checkIn?.distanceM,
      offSite: true,
    });
    const [row] = (await t.app.db.execute(
      sql`select worker_erased_at is not null as erased, check_in_lat, check_in_code,
                 first_checked_in_at is not null as first_kept from engagements where id = ${id}`,
    )) as unknown as Record<string, unknown>[];
    expect(row).toEqual({ erased: true, check_in_lat: null, check_in_code: null, first_kept: true });
  });
});
