import { sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { verifiedEmployer } from '../../support/gigs.js';
import { seedWorkers, testClock } from '../../support/hiring.js';
import { connectSocket, waitFor } from '../../support/sockets.js';
import {
  ATTENDANCE,
  dayAfter,
  ENROL,
  RESULTS,
  rows,
  trainingProvider,
} from '../../support/training-enrolments.js';
import { orderCourse } from '../../support/training-orders.js';

const DAY = 86_400_000;

/**
 * The results that complete a course filling a training order (订单培训) put its graduates on the
 * employer's roster in the same transaction, and the employer is told; the orders' job (its sweep
 * slowed right down here) is not needed for it.
 */
describe('results that complete an ordered course', () => {
  const clock = testClock();
  let t: TestApp;
  let socket: Socket | undefined;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { TRAINING_ORDER_SWEEP_MS: '86400000' } });
  });
  afterAll(async () => {
    socket?.close();
    await t?.close();
  });

  it('puts the graduate on the employer’s roster with its priority, and fulfils the order', async () => {
    const employer = await verifiedEmployer(t);
    const provider = await trainingProvider(t);
    const placed = await t.gql<{ placeTrainingOrder: { id: string } }>(
      'mutation ($i: PlaceTrainingOrderInput!) { placeTrainingOrder(input: $i) { id } }',
      {
        i: {
          skillCode: 'bricklayer',
          targetLevel: 3,
          headcount: 2,
          dueOn: dayAfter(t, 60),
          regionCode: '370832',
          priorityDays: 30,
        },
      },
      employer.token,
    );
    const orderId = placed.data?.placeTrainingOrder.id ?? '';
    const taken = await t.gql(
      'mutation ($o: ID!) { takeTrainingOrder(orderId: $o) { id } }',
      { o: orderId },
      provider.token,
    );
    expect(taken.errors).toBeUndefined();
    const courseId = await orderCourse(
      t,
      { id: orderId, providerId: provider.id, skillCode: 'bricklayer', targetLevel: 3 },
      { startsInDays: 3, days: 0 },
    );
    const [graduate, failed] = await seedWorkers(t, 2, { skills: [{ code: 'bricklayer', level: 1 }] });
    if (!graduate || !failed) throw new Error('no workers');
    const seats: string[] = [];
    for (const worker of [graduate, failed]) {
      const answer = await t.gql<{ enrolInCourse: { id: string } }>(ENROL, { c: courseId }, worker.token);
      seats.push(answer.data?.enrolInCourse.id ?? '');
    }
    clock.advance(3 * DAY);
    const attended = await t.gql(
      ATTENDANCE,
      { c: courseId, d: dayAfter(t, 0), e: seats.map((enrolmentId) => ({ enrolmentId, present: true })) },
      provider.token,
    );
    expect(attended.errors).toBeUndefined();

    const baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    socket = await connectSocket(baseUrl, { token: employer.token });
    const fulfilled = waitFor<{ orderId: string; graduates: number }>(socket, 'trainingOrder:fulfilled');
    const results = await t.gql(
      RESULTS,
      {
        c: courseId,
        r: [
          { enrolmentId: seats[0], passed: true, score: 91, certificateNumber: 'S3708322026D01' },
          { enrolmentId: seats[1], passed: false, score: 30 },
        ],
      },
      provider.token,
    );
    expect(results.errors).toBeUndefined();

    expect(await fulfilled).toMatchObject({ orderId, graduates: 1 });
    expect(await rows(t, sql`select status from training_orders where id = ${orderId}`)).toEqual([
      { status: 'FULFILLED' },
    ]);
    expect(
      await rows(
        t,
        sql`select worker_id, training_order_id, priority_until > ${clock.now().toISOString()}::timestamptz as live
            from employer_roster where employer_id = ${employer.id}`,
      ),
    ).toEqual([{ worker_id: graduate.id, training_order_id: orderId, live: true }]);
    // Nothing is left for the orders' job.
    expect(await t.app.services.trainingOrders.sweep()).toBe(0);
  });
});
