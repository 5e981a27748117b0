import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { postGig, verifiedEmployer } from '../support/gigs.js';
import { type KioskStation, stationWithKiosk } from '../support/kiosk.js';

describe('the public gig page and the kiosk files', () => {
  let t: TestApp;
  let station: KioskStation;
  let employerToken: string;

  beforeAll(async () => {
    t = await createTestApp();
    employerToken = (await verifiedEmployer(t)).token;
    station = await stationWithKiosk(t);
  });
  afterAll(() => t?.close());

  it('renders a gig at /g/:id with its pay, hours and how to take it at the station', async () => {
    const gig = await postGig(t, employerToken, { olderFriendly: true });
    const response = await t.app.inject(`/g/${gig.id}?s=${station.stationId}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = response.body;
    expect(html).toContain('<h1>钢结构厂房电焊工</h1>');
    expect(html).toContain('200元/天');
    expect(html).toMatch(/\d+月\d+日 周. 08:00–17:00/);
    expect(html).toContain('适合大龄');
    expect(html).toContain('还差 <b>3</b> 人');
    expect(html).toContain('焊工');
    expect(html).toContain('到拳铺镇零工驿站');
    expect(html).toContain('href="tel:0537-7361234"');
    expect(html).toContain('点“报名”');
  });

  it('escapes every text an employer wrote', async () => {
    const gig = await postGig(t, employerToken, {
      title: '<b>焊工</b> & "急招"',
      description: '<img src=x onerror="alert(1)"> 自带焊帽 </p><script>alert(2)</script>',
      address: '梁山县拳铺镇<i>工业园</i>8号',
    });
    const html = (await t.app.inject(`/g/${gig.id}`)).body;
    expect(html).toContain('<h1>&lt;b&gt;焊工&lt;/b&gt; &amp; &quot;急招&quot;</h1>');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('梁山县拳铺镇&lt;i&gt;工业园&lt;/i&gt;8号');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<i>');
    // Without a station in the link it sends people to the nearest one.
    expect(html).toContain('到附近的就业驿站');
  });

  it('says a gig no longer takes people once it is called off', async () => {
    const gig = await postGig(t, employerToken);
    const { errors } = await t.gql(
      'mutation ($id: ID!) { cancelGig(gigId: $id, reason: "工期推迟") { id } }',
      { id: gig.id },
      employerToken,
    );
    expect(errors).toBeUndefined();
    const html = (await t.app.inject(`/g/${gig.id}`)).body;
    expect(html).toContain('已取消');
    expect(html).toContain('这个活已经不招人了');
  });

  it('answers 404 with a page for an invalid or unknown id', async () => {
    for (const url of ['/g/not-a-gig', '/g/00000000-0000-4000-8000-000000000000', '/g/%3Cscript%3E']) {
      const response = await t.app.inject(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.body).toContain('没有找到这个活');
      expect(response.body).not.toContain('<script');
    }
  });

  it('serves the kiosk page, its scripts and the socket.io and QR bundles', async () => {
    const page = await t.app.inject('/kiosk');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('/kiosk/vendor/socket.io.min.js');
    for (const file of ['kiosk.js', 'board.js', 'cards.js', 'format.js', 'kiosk.css', 'gig.css']) {
      expect((await t.app.inject(`/kiosk/${file}`)).statusCode, file).toBe(200);
    }
    const socketIo = await t.app.inject('/kiosk/vendor/socket.io.min.js');
    expect(socketIo.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(socketIo.body).toContain('engine.io');
    const qr = await t.app.inject('/kiosk/vendor/qrcode.js');
    expect(qr.body).toContain('createSvgTag');
    const again = await t.app.inject({ url: '/kiosk', headers: { 'if-none-match': page.headers.etag } });
    expect(again.statusCode).toBe(304);
  });

  it('tells a kiosk its own station at /kiosk/station.json, and no one else', async () => {
    const own = await t.app.inject({
      url: '/kiosk/station.json',
      headers: { authorization: `Bearer ${station.token}` },
    });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id: station.stationId, name: '拳铺镇零工驿站', serviceRadiusKm: 30 });
    const none = await t.app.inject('/kiosk/station.json');
    expect(none.statusCode).toBe(401);
    const employer = await t.app.inject({
      url: '/kiosk/station.json',
      headers: { authorization: `Bearer ${employerToken}` },
    });
    expect(employer.statusCode).toBe(401);
    const forged = await t.app.inject({
      url: '/kiosk/station.json',
      headers: { authorization: 'Bearer kiosk_not-a-real-token' },
    });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.message).toBe('这个屏幕令牌不认识：请向驿站要一个新的。');
    // Chinese unless the device asks for English.
    const inEnglish = await t.app.inject({
      url: '/kiosk/station.json',
      headers: { authorization: 'Bearer kiosk_not-a-real-token', 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(inEnglish.json().error).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'This kiosk token is not known: ask the station for a new one.',
    });
    expect(none.json().error.message).toBe(
      '请带上屏幕令牌：在请求头 Authorization 里写 Bearer，后面跟上令牌。',
    );
  });
});
