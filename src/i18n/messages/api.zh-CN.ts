/**
 * The `api` namespace in Chinese: what the edge of the API says whatever the domain — tokens and
 * who may call what, the shape of a request, text that cannot be stored, a query too large, the
 * kiosk's persisted queries.
 */
export const zhCN = {
  tokenExpired: '登录已过期：请刷新登录，或重新登录。',
  tokenInvalid: '登录令牌无效：请重新登录。',
  notAccessToken: '这不是访问令牌（accessToken）。',
  tokenFromOlderSignIn: '这个令牌是以前登录时拿到的：请重新登录。',
  signInFirst: '请先登录：在请求头 Authorization 里写 Bearer，后面跟上令牌。',
  signInFirstSocket: '请先登录：连接时在 auth.token 里带上令牌。',
  signInNotChecked: '现在没法核对登录，请稍后再试。',
  roleNotAllowed: '您的账号没有权限做这件事。',
  kioskOnlyBoard: '屏幕令牌只能看驿站的活和零工信息。',
  kioskOnlyOwnQueries:
    '屏幕令牌只能运行屏幕页面自己的查询（按哈希发送）；别的查询请不带令牌，或用已登录的账号。',
  kioskNeedsToken: '请带上屏幕令牌：在请求头 Authorization 里写 Bearer，后面跟上令牌。',
  persistedNeedsHash: '预存查询请这样发：persisted 填 true，query 填它的 SHA-256（十六进制）。',
  unknownPersistedQuery: '没有哈希为 "{hash}" 的预存查询：请刷新屏幕页面，拿到最新的查询。',
  queryTooCostly:
    '这个查询太大了（算下来 {found}，最多 {maxCost}）。请每页少要几条（first）或少要几个字段，或者分成两个查询。',
  parameterType: '"{name}" 必须是{expected}，或者不填。',
  'expected.string': '一段文字',
  'expected.object': '一个对象',
  unstorable: '{field} 里有不能保存的字符（U+0000，或不成对的 UTF-16 代理字符）：请删掉它。',
  singleLine: '{field} 里有{found}：这里只能填一行看得见的文字。请删掉它（重新输入，不要粘贴），再提交。',
  multiLine:
    '{field} 里有{found}：这里只能有看得见的文字和普通换行。请删掉它（重新输入，不要粘贴），再提交。',
  'found.lineBreak': '换行符（{codePoint}）',
  'found.tab': '制表符（U+0009）',
  'found.control': '控制字符（{codePoint}）',
  'found.direction': '隐藏的文字方向控制符（{codePoint}）',
  'found.invisible': '看不见的字符（{codePoint}）',
} as const;
