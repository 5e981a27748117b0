/** The `limits` namespace in Chinese: what the market says when a caller goes past a rate limit. */
export const zhCN = {
  signInsAccount:
    '这个账号登录或索取验证码的次数太多了。请等 {retryAfterSeconds, plural, other {# 秒}}后再试。',
  signInsAddress: '这里登录或注册的次数太多了。请等 {retryAfterSeconds, plural, other {# 秒}}后再试。',
  mutations:
    '短时间内操作太多了：每分钟最多 {limit} 次。这次什么也没有改动；请等 {retryAfterSeconds, plural, other {# 秒}}后再试。',
} as const;
