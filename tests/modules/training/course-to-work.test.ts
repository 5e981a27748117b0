import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { postGig, verifiedEmployer } from '../../support/gigs.js';
import { offerRows, seedWorkers, testClock } from '../../support/hiring.js';
import { connectSocket, waitFor } from '../../support/sockets.js';
import {
  ATTENDANCE,
  dayAfter,
  ENROL,
  insertCourse,
  RESULTS,
  trainingProvider,
} from '../../support/training-enrolments.js';

const ENV = { OFFER_FAN_OUT: '10', OFFER_SWEEP_MS: '60000', GIG_SWEEP_MS: '3600000' };
const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * The pass makes the worker qualified (issue 27, "Done when"): a welder without a 特种作业操作证
 * enrols in a 特种作业 welding course, attends, passes with a certificate number, and then receives
 * the offer of an instant welding gig on their socket, while an uncertified welder beside them does
 * not. Everything through GraphQL and sockets; the offers checked in the table too.
 */
describe('from a welding course to a welding gig', () => {
  const clock = testClock();
  let t: TestApp;
  let baseUrl: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ env: ENV, clock });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await t?.close();
  });

  const connect = async (token: string) => {
    const socket = await connectSocket(baseUrl, { token });
    sockets.push(socket);
    return socket;
  };

  it('offers the gig to the graduate and not to the uncertified welder', async () => {
    const provider = await trainingProvider(t);
    const [learner, uncertified] = await seedWorkers(t, 2, {
      skills: [{ code: 'welder', level: 3 }],
      spreadKm: 1,
      operationCertificate: false,
    });
    if (!learner || !uncertified) throw new Error('no workers');
    const courseId = await insertCourse(t, provider.id, { title: '电焊工特种作业（焊接与热切割）培训班' });

    // The learner enrols; the provider hears of it.
    const providerSocket = await connect(provider.token);
    const enrolledEvent = waitFor<{ courseId: string; workerId: string }>(providerSocket, 'course:enrolled');
    const enrolled = await t.gql<{ enrolInCourse: { id: string } }>(ENROL, { c: courseId }, learner.token);
    const enrolmentId = enrolled.data?.enrolInCourse.id;
    expect(enrolmentId).toBeDefined();
    expect(await enrolledEvent).toMatchObject({ courseId, workerId: learner.id });

    // The five course days pass, each in the register.
    clock.advance(7 * DAY);
    for (let i = 4; i >= 0; i -= 1) {
      const day = await t.gql(
        ATTENDANCE,
        { c: courseId, d: dayAfter(t, -i), e: [{ enrolmentId, present: true }] },
        provider.token,
      );
      expect(day.errors).toBeUndefined();
    }

    // The pass, with the 操作证's number; the learner is told.
    const learnerSocket = await connect(learner.token);
    const result = waitFor<{ passed: boolean; certificateNumber: string }>(learnerSocket, 'course:result');
    const passed = await t.gql<{
      recordCourseResults: { status: string; certificate: { valid: boolean } }[];
    }>(
      RESULTS,
      { c: courseId, r: [{ enrolmentId, passed: true, score: 90, certificateNumber: 'T370832202612345' }] },
      provider.token,
    );
    expect(passed.data?.recordCourseResults[0]).toMatchObject({
      status: 'PASSED',
      certificate: { valid: true },
    });
    expect(await result).toMatchObject({ passed: true, certificateNumber: 'T370832202612345' });
    await t.app.outbox.drain();

    // An employer posts an instant welding gig: the graduate is offered it; the other welder is not.
    const offersTo = new Map<string, string[]>([
      [learner.id, []],
      [uncertified.id, []],
    ]);
    const uncertifiedSocket = await connect(uncertified.token);
    for (const [socket, id] of [
      [learnerSocket, learner.id],
      [uncertifiedSocket, uncertified.id],
    ] as const) {
      socket.on('offer', (payload: { gigId: string }, ack?: () => void) => {
        offersTo.get(id)?.push(payload.gigId);
        ack?.();
      });
    }
    const employer = await verifiedEmployer(t);
    const start = new Date(`${dayAfter(t, 2)}T08:00:00+08:00`);
    const gig = await postGig(t, employer.token, {
      instant: true,
      headcount: 2,
      skills: ['welder'],
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 9 * HOUR).toISOString(),
    });
    await t.app.services.hiring.drain();
    expect((await offerRows(t, gig.id)).map((o) => o.worker_id)).toEqual([learner.id]);
    await expect.poll(() => offersTo.get(learner.id)).toEqual([gig.id]);
    expect(offersTo.get(uncertified.id)).toEqual([]);
  });
});
