import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { employerInput, REGISTER_EMPLOYER, withPhoneCode } from '../../support/people.js';

type Problem = { field: string; message: string };

/** An employer's registration form as a person fills it in: every mistake comes back at once. */
describe('registering an employer', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  const register = (input: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.app
      .inject({
        method: 'POST',
        url: '/graphql',
        headers,
        payload: { query: REGISTER_EMPLOYER, variables: { input } },
      })
      .then((response) => response.json());

  const everythingWrong = () =>
    employerInput({
      phone: '12345',
      password: 'short',
      name: '厂',
      regionCode: '999999',
      location: { lat: 116.09, lng: 35.79 },
    });

  it('lists every problem of the form in one answer, in Chinese, naming the first field', async () => {
    const answer = await register(everythingWrong());
    expect(answer.data).toBeNull();
    const [error] = answer.errors;
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'phone' });
    const problems = error.extensions.problems as Problem[];
    expect(problems.map((p) => p.field)).toEqual([
      'phone',
      'password',
      'name',
      'regionCode',
      'location',
      'phoneCode',
    ]);
    const byField = Object.fromEntries(problems.map((p) => [p.field, p.message]));
    expect(byField).toMatchObject({
      name: '请填写单位登记的名称，2 到 60 个字。',
      regionCode: '没有代码为 999999 的地区：请从地区列表里选。',
      location: '位置不在中国境内：请看看纬度（lat）和经度（lng）是不是填反了。',
    });
    expect(error.message).toBe(byField.phone);
  });

  it('says the same in English when the device asks for it, with the same codes and fields', async () => {
    const answer = await register(everythingWrong(), { 'accept-language': 'en-US,en;q=0.9' });
    const problems = answer.errors[0].extensions.problems as Problem[];
    expect(problems.map((p) => p.field)).toEqual([
      'phone',
      'password',
      'name',
      'regionCode',
      'location',
      'phoneCode',
    ]);
    expect(Object.fromEntries(problems.map((p) => [p.field, p.message]))).toMatchObject({
      name: 'Give the registered name (2 to 60 characters).',
      regionCode: 'No region 999999: pick one from the regions list.',
      location: 'The location is outside China: check that lat and lng are not swapped.',
    });
  });

  it('refuses a credit code registered already in Chinese, and registers nothing twice', async () => {
    const first = await withPhoneCode(t, employerInput());
    expect((await register(first)).errors).toBeUndefined();
    const again = await withPhoneCode(t, employerInput({ creditCode: first.creditCode }));
    const [error] = (await register(again)).errors;
    expect(error).toMatchObject({
      message: '这个统一社会信用代码已经注册过了：请用当时注册的手机号登录。',
      extensions: { code: 'BAD_USER_INPUT', field: 'creditCode' },
    });
  });
});
