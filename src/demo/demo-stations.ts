import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { maskPhone } from '../logging.js';
import { DEMO_PASSWORD } from './demo.js';
import { type DemoDeps, writeChapterOnce } from './demo-chapter.js';

const CHAPTER = { key: 'demo:stations:v1', lock: 7_305_505 };
/** The demo kiosk's token, kept in the data folder so the banner can print the kiosk's link. */
export const DEMO_KIOSK_TOKEN_FILE = 'demo-kiosk-token';
export const DEMO_OPERATOR_PHONE = '13900000002';
/** The demo station's name (the start-up banner names it beside the kiosk's link). */
export const DEMO_STATION_NAME = '拳铺镇零工驿站';

/**
 * The demo job station: 拳铺镇零工驿站 in 梁山县 with an operator (13900000002, the demo password)
 * and a kiosk. A kiosk token is a secret shown once; for the demo it is written to the data
 * folder (mode 0600) so `npm start` can print the kiosk's link every time.
 */
export function seedDemoStationOnce(deps: DemoDeps & { dataDir: string }) {
  const { services } = deps;
  return writeChapterOnce(deps, CHAPTER, async () => {
    const station = await services.stations.create({
      name: DEMO_STATION_NAME,
      kind: 'TOWNSHIP_STATION',
      regionCode: '370832',
      location: { lat: 35.84, lng: 116.12 },
      address: '梁山县拳铺镇政府东100米便民服务中心一楼',
      openingHours: '周一至周六 8:00-17:30',
      phone: '0537-7366000',
    });
    const operator = await services.accounts.createStaffAccount(null, {
      role: 'STATION_OPERATOR',
      phone: DEMO_OPERATOR_PHONE,
      password: DEMO_PASSWORD,
      displayName: '拳铺镇驿站 王站长',
    });
    await services.stations.assignOperator(null, station.id, operator.id);
    const kiosk = await services.stations.issueToken(
      {
        kind: 'account',
        accountId: operator.id,
        role: 'STATION_OPERATOR',
        workerId: null,
        employerId: null,
        // Issued by the seed in the operator's name, from no client.
        origin: { ip: null, userAgent: null },
      },
      station.id,
      '大厅触摸屏',
    );
    const file = join(deps.dataDir, DEMO_KIOSK_TOKEN_FILE);
    await writeFile(file, kiosk.token);
    await chmod(file, 0o600);
    deps.log.info(
      { station: station.name, operator: maskPhone(DEMO_OPERATOR_PHONE) },
      "demo job station seeded (its operator's number is in the README)",
    );
    return true;
  });
}

/** The demo kiosk token, if this installation has one. */
export const demoKioskToken = (dataDir: string) =>
  readFile(join(dataDir, DEMO_KIOSK_TOKEN_FILE), 'utf8').then(
    (token) => token.trim(),
    () => null,
  );
