import type { zhCN } from './zh-CN.js';

/** The `stations` namespace in English; the same keys as Chinese. */
export const en: Record<keyof typeof zhCN, string> = {
  staffOnly: 'Only the bureau or this station’s own operators can do this.',
  nameLength: 'A station name has 2 to 40 characters, e.g. 拳铺镇零工驿站.',
  kindOneOf: 'Kind is one of {kinds}.',
  regionUnknown: 'No region {regionCode}: pick one from the regions list.',
  outsideChina: 'The location is outside China: check that lat and lng are not swapped.',
  addressLength: 'The address has 4 to 120 characters.',
  radiusRange: 'The service radius is above 0 and at most 200 km.',
  notOperatorAccount:
    'Only a station-operator account can be assigned to a station; create one with createStaffAccount.',
  labelLength: 'Label the kiosk in 1 to 40 characters, e.g. 大厅左侧屏.',
  kioskTokenUnknown: 'This kiosk token is not known: ask the station for a new one.',
  kioskTokenRevoked: 'This kiosk token was revoked: ask the station for a new one.',
  whichStation: 'Say at which station the worker was registered (stationId).',
  whichBoard: 'Name the station whose board to show (stationId).',
};
