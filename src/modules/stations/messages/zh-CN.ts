/** The `stations` namespace in Chinese: stations, their operators, kiosk tokens and the board. */
export const zhCN = {
  staffOnly: '只有县人社局或本驿站的工作人员才能做这件事。',
  nameLength: '驿站名称要 2 到 40 个字，例如：拳铺镇零工驿站。',
  kindOneOf: '驿站类型请从这几种里选一个：{kinds}。',
  regionUnknown: '没有代码为 {regionCode} 的地区：请从地区列表里选。',
  outsideChina: '位置不在中国境内：请看看纬度（lat）和经度（lng）是不是填反了。',
  addressLength: '地址要 4 到 120 个字。',
  radiusRange: '服务半径要大于 0 公里，最多 200 公里。',
  notOperatorAccount: '只有驿站工作人员的账号才能分到驿站：请先用 createStaffAccount 建一个这样的账号。',
  labelLength: '给这块屏幕起个名字，1 到 40 个字，例如：大厅左侧屏。',
  kioskTokenUnknown: '这个屏幕令牌不认识：请向驿站要一个新的。',
  kioskTokenRevoked: '这个屏幕令牌已经停用了：请向驿站要一个新的。',
  whichStation: '请说明工人是在哪个驿站登记的（stationId）。',
  whichBoard: '请说明要看哪个驿站的活（stationId）。',
} as const;
