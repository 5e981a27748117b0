import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

/** What a person sees when the market refuses: Chinese unless the device or account asks for English. */
describe('the language of an error through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  const askGig = (headers: Record<string, string>) =>
    t.app
      .inject({
        method: 'POST',
        url: '/graphql',
        headers,
        payload: { query: 'query ($id: ID!) { gig(id: $id) { id } }', variables: { id: 'not-an-id' } },
      })
      .then((response) => response.json());

  it('answers in Chinese by default, in English when Accept-Language asks, with the same code and field', async () => {
    const chinese = await askGig({});
    expect(chinese.errors[0]).toMatchObject({
      message: 'id 不是有效的编号：请从列表里复制。',
      extensions: { code: 'BAD_USER_INPUT', field: 'id' },
    });
    const english = await askGig({ 'accept-language': 'en-GB,en;q=0.9' });
    expect(english.errors[0]).toMatchObject({
      message: 'id is not a valid id: copy it from the list it came from.',
      extensions: { code: 'BAD_USER_INPUT', field: 'id' },
    });
    const preferChinese = await askGig({ 'accept-language': 'en;q=0.5, zh-CN' });
    expect(preferChinese.errors[0].message).toBe(chinese.errors[0].message);
  });

  it('introduces graphql-js’s own words (a syntax error) in the reader’s language', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      payload: { query: '{ skills { code ' },
    });
    expect(response.json().errors[0].message).toMatch(/^请求有误：Syntax Error/);
  });
});
