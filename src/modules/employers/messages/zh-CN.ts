/** The `employers` namespace in Chinese: what registering and verifying an employer may say. */
export const zhCN = {
  nameLength: '请填写单位登记的名称，2 到 60 个字。',
  kindOneOf: '单位类型请从这几种里选一个：{kinds}。',
  regionUnknown: '没有代码为 {regionCode} 的地区：请从地区列表里选。',
  outsideChina: '位置不在中国境内：请看看纬度（lat）和经度（lng）是不是填反了。',
  creditCodeTaken: '这个统一社会信用代码已经注册过了：请用当时注册的手机号登录。',
} as const;
