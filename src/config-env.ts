/**
 * The environment Lingong reads: every variable, its default and its check (zod). `loadConfig` in
 * config.ts turns it into the config object and adds the checks across variables.
 */
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'use true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const port = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be 1 to 65535')
  .max(65535, 'must be 1 to 65535');

const postgresUrl = z
  .string()
  .regex(
    /^postgres(ql)?:\/\/\S+$/,
    'must be a postgres:// URL, e.g. postgres://user:pass@127.0.0.1:5432/lingong',
  );

/**
 * Which proxies may say who the client is (X-Forwarded-For): none by default, since a client that
 * reaches the API directly could otherwise choose its own address (the audit log's "from where",
 * the sign-in rate limit). `true` trusts every hop; better, name the proxies' addresses or CIDR
 * ranges, comma-separated (also `loopback`, `linklocal`, `uniquelocal`).
 */
const trustProxy = z.string().transform((value, ctx): boolean | string[] => {
  const v = value.trim();
  if (v === 'false') return false;
  if (v === 'true') return true;
  const proxies = v.split(',').map((p) => p.trim());
  const bad = proxies.filter(
    (p) => !/^([0-9a-fA-F.:]+(\/[0-9]{1,3})?|loopback|linklocal|uniquelocal)$/.test(p),
  );
  if (bad.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: 'use false, true, or the proxies’ addresses or CIDRs separated by commas',
    });
    return z.NEVER;
  }
  return proxies;
});

/**
 * Browser origins allowed to call the API from other sites (CORS, socket.io): exact origins as
 * browsers send them, comma-separated; none by default, so only the API's own pages call it.
 */
const corsOrigins = z.string().transform((value, ctx): string[] => {
  const origins = value
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  const isOrigin = (o: string) => {
    try {
      const url = new URL(o);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === o;
    } catch {
      return false;
    }
  };
  const bad = origins.filter((o) => !isOrigin(o));
  if (bad.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `use exact origins as the browser sends them, comma-separated: scheme, lower-case host and port, no path, no trailing / and no * (e.g. https://lingong.example.cn,http://127.0.0.1:5173); not ${bad.join(', ')}`,
    });
    return z.NEVER;
  }
  return origins;
});

const httpUrl = z.string().regex(/^https?:\/\/\S+$/, 'must be an http(s):// URL, e.g. http://127.0.0.1:7700');

/** A time of day in Asia/Shanghai, `HH:MM`, as minutes after midnight. */
const clockTime = z
  .string()
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be a time of day as HH:MM, e.g. 21:00')
  .transform((value) => Number(value.slice(0, 2)) * 60 + Number(value.slice(3)));

/** A template id of the Tencent Cloud SMS console (digits). */
const tencentTemplateId = z
  .string()
  .regex(/^[0-9]{1,12}$/, 'must be the template id (digits) from the SMS console');

/** Every environment variable Lingong reads, with its default. `.env.example` lists the same. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  MEILI_URL: httpUrl.optional(),
  MEILI_MASTER_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  MEILI_BIN: z.string().min(1).optional(),
  MEILI_INDEX_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'use lower-case letters, digits and _ (start with a letter)')
    .default('lingong'),
  MEILI_QUERY_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(1500),
  /** The Meilisearch of the fresh gig tier (src/search/tiers.ts); MEILI_URL's server when not set. */
  MEILI_FRESH_URL: httpUrl.optional(),
  EMBEDDED_PG_PORT: port.default(54329),
  EMBEDDED_MEILI_PORT: port.default(7700),
  EMBEDDED_MEILI_FRESH_PORT: port.default(7701),
  MIGRATE_ON_START: flag.default(true),
  SEED_DEMO: flag.default(true),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(500).max(60_000).default(8000),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PII_KEY: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)').optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(900),
  SESSION_CHECK_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  SESSION_RENEW_GRACE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  SESSION_EXPIRING_NOTICE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  ADMIN_PHONE: z
    .string()
    .regex(/^1[3-9][0-9]{9}$/, 'must be an 11-digit mainland mobile number')
    .optional(),
  ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  /** Sign-in calls per client address per window: a village network or a station (docs/security.md). */
  AUTH_RATE_LIMIT_MAX: z.coerce.number().int().min(1).max(100_000).default(300),
  /** Sign-in calls (phone codes, refresh, …) per signed-in account per window. */
  AUTH_ACCOUNT_RATE_LIMIT_MAX: z.coerce.number().int().min(1).max(100_000).default(30),
  AUTH_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  LOGIN_SLOW_AFTER: z.coerce.number().int().min(1).max(1000).default(3),
  LOGIN_SLOW_SECONDS: z.coerce.number().int().min(0).max(3600).default(2),
  LOGIN_NUMBER_MAX_FAILURES: z.coerce.number().int().min(2).max(100_000).default(30),
  /** Wrong passwords from one client address, all numbers together, per minute. */
  LOGIN_ADDRESS_MAX_FAILURES: z.coerce.number().int().min(1).max(100_000).default(10),
  PHONE_CODE_TTL_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
  PHONE_CODE_MAX_TRIES: z.coerce.number().int().min(1).max(20).default(5),
  PHONE_CODE_RESEND_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  PHONE_CODE_NUMBER_HOURLY: z.coerce.number().int().min(1).max(1_000_000).default(5),
  PHONE_CODE_NUMBER_DAILY: z.coerce.number().int().min(1).max(1_000_000).default(10),
  PHONE_CODE_NUMBER_DAILY_CEILING: z.coerce.number().int().min(1).max(1_000_000).default(20),
  PHONE_CODE_ADDRESS_HOURLY: z.coerce.number().int().min(1).max(1_000_000).default(120),
  PHONE_CODE_ADDRESS_DAILY: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** Wrong tries on the codes one address asked for in a day, past which it is sent no more. */
  PHONE_CODE_ADDRESS_WRONG_DAILY: z.coerce.number().int().min(1).max(1_000_000).default(250),
  MUTATION_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(120),
  /** A station operator's mutations per minute (walk-ins registered and acted for). */
  STATION_MUTATION_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(600),
  CORS_ORIGINS: corsOrigins.default([]),
  LISTEN_BACKLOG: z.coerce
    .number({ message: 'must be a number of connections' })
    .int('must be a whole number of connections')
    .min(1, 'must be at least 1')
    .max(65_535, 'must be at most 65535')
    .default(4096),
  BODY_LIMIT_BYTES: z.coerce
    .number({ message: 'must be a number of bytes' })
    .int('must be a whole number of bytes')
    .min(1024, 'must be at least 1024 bytes')
    .max(104_857_600, 'must be at most 104857600 bytes (100 MiB)')
    .default(262_144),
  OUTBOX_POLL_MS: z.coerce.number().int().min(20).max(60_000).default(5000),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  SEARCH_BULK_INTERVAL_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  SEARCH_BULK_BATCH_SIZE: z.coerce.number().int().min(1).max(50_000).default(5_000),
  GIG_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  OFFER_FAN_OUT: z.coerce.number().int().min(1).max(100).default(3),
  WORK_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  CERTIFICATE_NOTICE_DAYS: z.coerce
    .number({ message: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(365, 'must be at most 365 days')
    .default(30),
  CERTIFICATE_SWEEP_MS: z.coerce.number().int().min(100).max(86_400_000).default(600_000),
  STATS_FOLD_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
  CHECK_IN_GEOFENCE_M: z.coerce.number().int().min(50).max(20_000).default(500),
  NO_SHOW_GRACE_MINUTES: z.coerce.number().int().min(0).max(720).default(30),
  CHECK_OUT_GRACE_MINUTES: z.coerce.number().int().min(0).max(1440).default(120),
  LATE_CANCEL_HOURS: z.coerce.number().int().min(0).max(168).default(12),
  ATTENDANCE_ANSWER_HOURS: z.coerce.number().int().min(1).max(336).default(48),
  CHECK_IN_FAR_KM: z.coerce.number().int().min(5).max(1000).default(50),
  SHORT_STAY_SHARE: z.coerce.number().min(0).max(1).default(0.5),
  BACKFILL_MIN_MINUTES: z.coerce.number().int().min(15).max(1440).default(60),
  OFFER_TTL_SECONDS: z.coerce.number().int().min(10).max(3600).default(90),
  OFFER_SWEEP_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  OFFER_ACK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  LOCATION_CELL_KM: z.coerce
    .number({ message: 'must be a number of km' })
    .min(1, 'must be at least 1 km (a smaller cell lets employers locate a home closer)')
    .max(20, 'must be at most 20 km')
    .default(3),
  TRUST_PROXY: trustProxy.default(false),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(3).max(50).default(12),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).max(200).default(15),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(100).max(10_000_000).default(20_000),
  KIOSK_PERSISTED_QUERIES_ONLY: flag.default(true),
  KIOSK_CACHE_MS: z.coerce.number({ message: 'must be a number' }).int().min(0).max(60_000).default(3000),
  METRICS_TOKEN: z
    .string()
    .regex(/^\S{16,}$/, 'must be at least 16 characters, no spaces (e.g. `openssl rand -hex 24`)')
    .optional(),
  SMS_PROVIDER: z.enum(['dev', 'tencent'], { message: 'use dev or tencent' }).default('dev'),
  IDENTITY_SERVICE: z.enum(['off', 'dev'], { message: 'use off or dev' }).optional(),
  SMS_QUIET_START: clockTime.prefault('21:00'),
  SMS_QUIET_END: clockTime.prefault('07:00'),
  SMS_DAILY_CAP: z.coerce.number().int().min(1).max(100).default(10),
  SMS_WEBHOOK_SECRET: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{24,}$/,
      'must be at least 24 letters, digits, - or _ (it goes into the callback URL; e.g. `openssl rand -hex 24`)',
    )
    .optional(),
  TENCENT_SMS_SECRET_ID: z.string().min(8, 'must be the SecretId of a Tencent Cloud API key').optional(),
  TENCENT_SMS_SECRET_KEY: z.string().min(8, 'must be the SecretKey of a Tencent Cloud API key').optional(),
  TENCENT_SMS_APP_ID: z
    .string()
    .regex(/^[0-9]{6,12}$/, 'must be the SmsSdkAppId (digits, e.g. 1400006666) from the SMS console')
    .optional(),
  TENCENT_SMS_SIGN_NAME: z.string().min(2).max(20).default('零工'),
  TENCENT_SMS_TEMPLATE_ID: tencentTemplateId.optional(),
  TENCENT_SMS_HIRED_TEMPLATE_ID: tencentTemplateId.optional(),
  TENCENT_SMS_NOTICE_TEMPLATE_ID: tencentTemplateId.optional(),
  TENCENT_SMS_CODE_TEMPLATE_ID: tencentTemplateId.optional(),
  TENCENT_SMS_REGION: z
    .enum(['ap-guangzhou', 'ap-beijing', 'ap-nanjing'], {
      message: 'use ap-guangzhou, ap-beijing or ap-nanjing (the regions Tencent Cloud SMS serves)',
    })
    .default('ap-guangzhou'),
});

/** What SMS_PROVIDER=tencent cannot start without, and what each one is. */
export const TENCENT_REQUIRED = {
  TENCENT_SMS_SECRET_ID: 'the SecretId of an API key allowed to send SMS',
  TENCENT_SMS_SECRET_KEY: 'the SecretKey of that API key',
  TENCENT_SMS_APP_ID: 'the SmsSdkAppId of the SMS application',
  TENCENT_SMS_TEMPLATE_ID: 'the id of the approved offer template; README, "Offers by SMS"',
  TENCENT_SMS_HIRED_TEMPLATE_ID: 'the id of the approved hire-confirmation template',
  TENCENT_SMS_NOTICE_TEMPLATE_ID: 'the id of the approved short-answer template',
  TENCENT_SMS_CODE_TEMPLATE_ID: 'the id of the approved verification-code template (验证码)',
  SMS_WEBHOOK_SECRET: 'the secret token of the callback URLs, 24+ characters',
} as const;
