import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import {
  idNumberFor,
  login,
  REGISTER_WORKER,
  registerWorker,
  withPhoneCode,
  workerInput,
} from '../support/people.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('personal data (个人信息保护法)', () => {
  it('shows the privacy notice the worker accepts, with its version', async () => {
    const { data } = await t.gql<{ privacyNotice: { version: string; text: string } }>(
      '{ privacyNotice { version text } }',
    );
    expect(data?.privacyNotice.version).toBe('2026-11');
    expect(data?.privacyNotice.text).toContain('身份证号加密保存');
  });

  it('exports what is held about the caller, with the ID number masked', async () => {
    const idNumber = idNumberFor('1966-02-02');
    const worker = await registerWorker(t, { idNumber, laborBrand: '梁山好焊' });
    const { data } = await t.gql<{ exportMyData: Record<string, never> }>(
      '{ exportMyData }',
      {},
      worker.token,
    );
    const exported = data?.exportMyData as unknown as {
      account: { phone: string };
      worker: { laborBrand: string; idNumberMasked: string; consentVersion: string; skills: unknown[] };
    };
    expect(exported.account.phone).toBe(worker.phone);
    expect(exported.worker).toMatchObject({ laborBrand: '梁山好焊', consentVersion: '2026-11' });
    expect(exported.worker.skills).toHaveLength(1);
    const text = JSON.stringify(exported);
    expect(text).not.toContain(idNumber.slice(0, 17));
    expect(text).not.toMatch(/passwordHash|idNumberHmac|idNumberEncrypted/);
  });

  it('erases a worker who deletes the account, keeping the row, and lets the same ID register again', async () => {
    const idNumber = idNumberFor('1972-07-07');
    const worker = await registerWorker(t, { idNumber });
    await t.app.outbox.drain();
    const wrong = await t.gql('mutation { deleteMyAccount(password: "not-it") }', {}, worker.token);
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });

    const { data } = await t.gql<{ deleteMyAccount: boolean }>(
      'mutation { deleteMyAccount(password: "worker-pass-1") }',
      {},
      worker.token,
    );
    expect(data?.deleteMyAccount).toBe(true);
    await expect(login(t, worker.phone, 'worker-pass-1')).rejects.toThrow(/UNAUTHENTICATED/);
    const [row] = await t.app.sql`select name, id_number_encrypted, lat from workers where id = ${worker.id}`;
    expect(row).toEqual({ name: `已注销-${worker.id.slice(0, 8)}`, id_number_encrypted: null, lat: 0 });

    await t.app.outbox.drain();
    await expect(t.app.meili.index('workers').getDocument(worker.id)).rejects.toThrow();
    const again = await t.gql(REGISTER_WORKER, { input: await withPhoneCode(t, workerInput({ idNumber })) });
    expect(again.errors).toBeUndefined();
  });
});
