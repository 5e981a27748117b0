import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { type CertificateDesk, certificateDesk } from '../../support/certificate-desk.js';
import { testClock } from '../../support/hiring.js';
import {
  idNumberFor,
  REGISTER_WORKER,
  registerWorker,
  uniquePhone,
  withPhoneCode,
  workerInput,
} from '../../support/people.js';

const SET = `mutation ($s: [ID!]!, $w: ID) {
  setMyTrainingWishes(skillCodes: $s, workerId: $w) { skill { code name } source createdAt }
}`;
const MINE = 'query ($w: ID) { myTrainingWishes(workerId: $w) { skill { code } source createdAt } }';
const WALK_IN = `mutation ($i: RegisterWorkerInput!, $s: ID) {
  registerWalkInWorker(input: $i, stationId: $s) { id }
}`;

type Wish = { skill: { code: string; name?: string }; source: string; createdAt: string };
type Problem = { field: string; message: string };
const problemList = (answer: { errors?: { extensions?: { problems?: unknown } }[] }) =>
  (answer.errors?.[0]?.extensions?.problems ?? []) as Problem[];
type WishRow = {
  skill_code: string;
  source: string;
  recorded_by_account_id: string | null;
  created_ms: number;
};

const HOUR = 3_600_000;

/** Training wishes (培训意愿): said by the worker, asked at registration and by station operators. */
describe('training wishes', () => {
  const clock = testClock();
  let t: TestApp;
  let desk: CertificateDesk;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    desk = await certificateDesk(t, clock);
  });
  afterAll(() => t.close());

  const rowsOf = async (workerId: string) =>
    (await t.app.db.execute(
      sql`select skill_code, source, recorded_by_account_id, (extract(epoch from created_at) * 1000)::float8 as created_ms from training_wishes
          where worker_id = ${workerId} order by skill_code`,
    )) as unknown as WishRow[];
  const problemsOf = (errors: { extensions?: { problems?: Problem[] } }[] | undefined) =>
    (errors?.[0]?.extensions?.problems ?? []).map((p) => p.field);

  it('sets the list, and a new list replaces it (a trade kept keeps when it was first said)', async () => {
    const worker = await registerWorker(t);
    const first = await t.gql<{ setMyTrainingWishes: Wish[] }>(
      SET,
      { s: ['electrician', 'forklift_operator'] },
      worker.token,
    );
    expect(first.errors).toBeUndefined();
    expect(first.data?.setMyTrainingWishes.map((w) => [w.skill.code, w.source]).sort()).toEqual([
      ['electrician', 'SELF'],
      ['forklift_operator', 'SELF'],
    ]);
    expect(first.data?.setMyTrainingWishes[0]?.createdAt).toMatch(/\+08:00$/);
    const before = await rowsOf(worker.id);
    expect(before.map((r) => [r.skill_code, r.source, r.recorded_by_account_id])).toEqual([
      ['electrician', 'SELF', worker.accountId],
      ['forklift_operator', 'SELF', worker.accountId],
    ]);

    clock.advance(HOUR);
    const second = await t.gql<{ setMyTrainingWishes: Wish[] }>(
      SET,
      { s: ['electrician', 'welder'] },
      worker.token,
    );
    expect(second.errors).toBeUndefined();
    const after = await rowsOf(worker.id);
    expect(after.map((r) => r.skill_code)).toEqual(['electrician', 'welder']);
    expect(after[0]?.created_ms).toBe(before[0]?.created_ms);
    expect(after[1]?.created_ms).toBe(clock.now().getTime());

    const mine = await t.gql<{ myTrainingWishes: Wish[] }>(MINE, {}, worker.token);
    expect(mine.data?.myTrainingWishes.map((w) => w.skill.code)).toEqual(['electrician', 'welder']);

    // An empty list clears it.
    const cleared = await t.gql<{ setMyTrainingWishes: Wish[] }>(SET, { s: [] }, worker.token);
    expect(cleared.data?.setMyTrainingWishes).toEqual([]);
    expect(await rowsOf(worker.id)).toEqual([]);
  });

  it('refuses a bad list with every problem at once, and changes nothing', async () => {
    const worker = await registerWorker(t);
    await t.gql(SET, { s: ['carpenter'] }, worker.token);
    const codes = [
      'electrician',
      'no_such_trade',
      'electrician',
      'welder',
      'bricklayer',
      'carpenter',
      'painter',
    ];
    const eleven = [...codes, 'plasterer', 'plumber', 'waterproofer', 'rebar_worker'];
    const refused = await t.gql(SET, { s: eleven }, worker.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(problemsOf(refused.errors)).toEqual(['skillCodes', 'skillCodes[1]', 'skillCodes[2]']);
    const messages = problemList(refused).map((p) => p.message);
    expect(messages).toEqual([
      '想学的工种最多选 10 个。',
      '没有“no_such_trade”这个工种，请从工种列表里选。',
      '“electrician”选了两次，每个工种选一次就够了。',
    ]);
    expect((await rowsOf(worker.id)).map((r) => r.skill_code)).toEqual(['carpenter']);
  });

  it('asks at registration: bad wishes are answered with the other problems, good ones are kept', async () => {
    const phone = uniquePhone();
    const bad = await t.gql(
      REGISTER_WORKER,
      {
        input: await withPhoneCode(
          t,
          workerInput({ phone, name: '王', trainingWishes: ['electrician', 'no_such_trade', 'electrician'] }),
        ),
      },
      '',
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(problemsOf(bad.errors)).toEqual(['name', 'trainingWishes[1]', 'trainingWishes[2]']);
    const [none] = (await t.app.db.execute(
      sql`select count(*)::int as n from accounts where phone = ${phone}`,
    )) as unknown as { n: number }[];
    expect(none?.n).toBe(0);

    const worker = await registerWorker(t, { trainingWishes: ['electrician', 'forklift_operator'] });
    expect((await rowsOf(worker.id)).map((r) => [r.skill_code, r.source, r.recorded_by_account_id])).toEqual([
      ['electrician', 'REGISTRATION', worker.accountId],
      ['forklift_operator', 'REGISTRATION', worker.accountId],
    ]);
  });

  it('lets a station operator ask a walk-in of their station, recording who asked', async () => {
    const registered = await t.gql<{ registerWalkInWorker: { id: string } }>(
      WALK_IN,
      {
        i: {
          ...workerInput({
            name: '李大爷',
            idNumber: idNumberFor('1962-03-08'),
            trainingWishes: ['forklift_operator'],
          }),
          phone: null,
          password: null,
        },
        s: desk.stationId,
      },
      desk.operator,
    );
    expect(registered.errors).toBeUndefined();
    const workerId = registered.data?.registerWalkInWorker.id as string;
    const [operator] = (await t.app.db.execute(
      sql`select registered_by_account_id as id from workers where id = ${workerId}`,
    )) as unknown as { id: string }[];
    expect((await rowsOf(workerId)).map((r) => [r.skill_code, r.source, r.recorded_by_account_id])).toEqual([
      ['forklift_operator', 'OPERATOR', operator?.id],
    ]);

    // Later, at the station: the operator asks again and names the worker.
    const set = await t.gql<{ setMyTrainingWishes: Wish[] }>(
      SET,
      { s: ['forklift_operator', 'electrician'], w: workerId },
      desk.operator,
    );
    expect(set.errors).toBeUndefined();
    const mine = await t.gql<{ myTrainingWishes: Wish[] }>(MINE, { w: workerId }, desk.operator);
    expect(mine.data?.myTrainingWishes.map((w) => [w.skill.code, w.source]).sort()).toEqual([
      ['electrician', 'OPERATOR'],
      ['forklift_operator', 'OPERATOR'],
    ]);
    // Without naming the worker, and for a worker of no station of theirs, the operator is refused.
    const unnamed = await t.gql(SET, { s: ['welder'] }, desk.operator);
    expect(unnamed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const stranger = await registerWorker(t);
    const notTheirs = await t.gql(SET, { s: ['welder'], w: stranger.id }, desk.operator);
    expect(notTheirs.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await rowsOf(stranger.id)).toEqual([]);
  });

  it('is in the PIPL export, and goes with the account on erasure', async () => {
    const worker = await registerWorker(t, { trainingWishes: ['electrician'] });
    await t.gql(SET, { s: ['electrician', 'welder'] }, worker.token);
    const exported = await t.gql<{
      exportMyData: { worker: { trainingWishes: { skillCode: string; source: string }[] } };
    }>('{ exportMyData }', {}, worker.token);
    expect(exported.errors).toBeUndefined();
    expect(
      exported.data?.exportMyData.worker.trainingWishes.map((w) => [w.skillCode, w.source]).sort(),
    ).toEqual([
      ['electrician', 'REGISTRATION'],
      ['welder', 'SELF'],
    ]);
    const erased = await t.gql('mutation { deleteMyAccount(password: "worker-pass-1") }', {}, worker.token);
    expect(erased.errors).toBeUndefined();
    expect(await rowsOf(worker.id)).toEqual([]);
  });
});
