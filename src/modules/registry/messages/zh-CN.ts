/**
 * The `registry` namespace in Chinese: what is wrong with a mobile number, an ID number (GB 11643)
 * or a credit code (GB 32100) as typed. ICU MessageFormat: {name} is a value.
 */
export const zhCN = {
  aSpace: '空格',
  aChar: '字符“{char}”',
  phoneShape: '手机号是 11 位数字，以 1 开头，例如 13812345678。',
  phoneEmpty: '请填写手机号。{shape}',
  phoneAbroad: '只能用中国大陆的手机号（+86）。{shape}',
  phoneStray: '手机号只能有数字、空格和短横线（这里有“{found}”）：请填 11 位数字，例如 13812345678。',
  phoneLength: '{shape}现在是 {length} 位。',
  phonePrefix: '没有以 {prefix} 开头的手机号：请核对前几位。{shape}',
  idEmpty: '身份证号没有填：请照身份证上的 18 位填写。',
  idStray: '身份证号只能有数字和最后一位的 X（第 {position} 位是{found}）：请核对。',
  idLength: '身份证号应有 18 位，现在是 {length} 位。',
  idLengthOld: '身份证号应有 18 位，现在是 15 位。旧的 15 位号码已不能用：请填现在身份证上的号码。',
  idEarlyX: '身份证号只有最后一位可以是 X（第 {position} 位是 X）：请核对。',
  idAddressCode: '身份证号开头的地区代码 {addressCode} 不对：请核对前 6 位。',
  idBirthNotReal: '身份证号里的出生日期 {digits} 不是真实的日期：请核对第 7 到 14 位。',
  idBirthBefore1900: '身份证号里的出生日期 {digits} 早于 1900 年：请核对第 7 到 14 位。',
  idBirthFuture: '身份证号里的出生日期还没到：请核对第 7 到 14 位。',
  idCheck: '身份证号最后一位和前面的对不上：请逐位核对后重新填写。',
  creditEmpty: '统一社会信用代码没有填：请照营业执照上的 18 位填写。',
  creditLookalike:
    '统一社会信用代码里没有字母 I、O、Z、S、V（第 {position} 位是 {letter}）：请看看是不是把 {digit} 写成了 {letter}。',
  creditStray: '统一社会信用代码只能有数字和大写字母（第 {position} 位是{found}）：请去掉空格和标点。',
  creditLength: '统一社会信用代码应有 18 位，现在是 {length} 位。',
  creditDivision:
    '统一社会信用代码第 3 到 8 位是地区代码，只能是数字（第 {position} 位是“{found}”）：请核对。',
  creditCheck: '统一社会信用代码最后一位和前面的对不上：请逐位核对后重新填写。',
} as const;
