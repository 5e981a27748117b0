/**
 * The environment Lingong reads: every variable, its default and its check (zod). `loadConfig` in
 * config.ts turns it into the config object and adds the checks across variables.
 */
import { z } from 'zod';
import type { zhCN as consoleMessages } from './i18n/messages/console.zh-CN.js';

/**
 * A check's message is the key of a `console` message (src/i18n/messages/console.*.ts), put into
 * the console's language by loadConfig; a check without one is worded from its kind (config.ts).
 */
export const says = (key: keyof typeof consoleMessages & `config.${string}`) => `console:${key}` as const;

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: says('config.useTrueFalse') })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const port = z.coerce
  .number({ message: says('config.number') })
  .int(says('config.wholeNumber'))
  .min(1, says('config.portRange'))
  .max(65535, says('config.portRange'));

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\/\S+$/, says('config.postgresUrl'));

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
    ctx.addIssue({ code: 'custom', message: says('config.trustProxy') });
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
    ctx.addIssue({ code: 'custom', message: says('config.corsOrigins'), params: { bad: bad.join(', ') } });
    return z.NEVER;
  }
  return origins;
});

const httpUrl = z.string().regex(/^https?:\/\/\S+$/, says('config.httpUrl'));
const redisUrl = z.string().regex(/^rediss?:\/\/\S+$/, says('config.redisUrl'));

/** A time of day in Asia/Shanghai, `HH:MM`, as minutes after midnight. */
const clockTime = z
  .string()
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, says('config.clockTime'))
  .transform((value) => Number(value.slice(0, 2)) * 60 + Number(value.slice(3)));

/** A template id of the Tencent Cloud SMS console (digits). */
const tencentTemplateId = z.string().regex(/^[0-9]{1,12}$/, says('config.tencentTemplateId'));

/** Three rising thresholds, yellow,orange,red (the early warning's, docs/warnings.md): `3,6,10`. */
const steps = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) => value.split(',').map((part) => Number(part.trim())))
    .refine(
      (n): n is [number, number, number] =>
        n.length === 3 && n.every((x, i) => Number.isFinite(x) && x >= 0 && (i === 0 || x > (n[i - 1] ?? 0))),
      says('config.warningSteps'),
    )
    .transform((n) => [n[0], n[1], n[2]] as const);

/** Every environment variable Lingong reads, with its default. `.env.example` lists the same. */
export const envSchema = z.object({
  /** The console's language (src/i18n/locale.ts, consoleLocale): zh-CN or en; else the process locale. */
  LINGONG_LOCALE: z.enum(['zh-CN', 'en'], { message: says('config.locale') }).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: postgresUrl.optional(),
  /** At least 2: the fresh tier's dispatcher publishes its top on a second connection (plugins/outbox.ts). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  /** Tests: a pool query from inside a transaction fails at once instead of waiting (src/db/tx-guard.ts). */
  DB_TX_GUARD: flag.default(false),
  /** What carries socket.io events between API nodes (docs/scale.md): PostgreSQL, or Redis Streams at REDIS_URL. */
  SOCKET_ADAPTER: z.enum(['postgres', 'redis']).default('postgres'),
  REDIS_URL: redisUrl.optional(),
  MEILI_URL: httpUrl.optional(),
  MEILI_MASTER_KEY: z.string().min(16, says('config.atLeastChars')).optional(),
  MEILI_BIN: z.string().min(1).optional(),
  MEILI_INDEX_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, says('config.indexPrefix'))
    .default('lingong'),
  MEILI_QUERY_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(1500),
  /** The Meilisearch of the fresh gig tier (src/search/tiers.ts); MEILI_URL's server when not set. */
  MEILI_FRESH_URL: httpUrl.optional(),
  /**
   * The bulk gig tier as one index (`one`, a county's market) or one index per city (`city`, a
   * province's: docs/search.md "An index per city").
   */
  SEARCH_GIG_INDEX: z.enum(['one', 'city']).default('one'),
  EMBEDDED_PG_PORT: port.default(54329),
  EMBEDDED_MEILI_PORT: port.default(7700),
  EMBEDDED_MEILI_FRESH_PORT: port.default(7701),
  MIGRATE_ON_START: flag.default(true),
  SEED_DEMO: flag.default(true),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(500).max(60_000).default(8000),
  JWT_SECRET: z.string().min(32, says('config.atLeastChars')).optional(),
  PII_KEY: z.string().min(32, says('config.piiKey')).optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(900),
  SESSION_CHECK_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  SESSION_RENEW_GRACE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  SESSION_EXPIRING_NOTICE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  ADMIN_PHONE: z
    .string()
    .regex(/^1[3-9][0-9]{9}$/, says('config.mobile'))
    .optional(),
  ADMIN_PASSWORD: z.string().min(10, says('config.atLeastChars')).optional(),
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
    .number({ message: says('config.connections') })
    .int(says('config.wholeConnections'))
    .min(1, says('config.connectionsAtLeast'))
    .max(65_535, says('config.connectionsAtMost'))
    .default(4096),
  BODY_LIMIT_BYTES: z.coerce
    .number({ message: says('config.bytes') })
    .int(says('config.wholeBytes'))
    .min(1024, says('config.bytesAtLeast'))
    .max(104_857_600, says('config.bytesAtMost'))
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
  COURSE_MIN_ATTENDANCE: z.coerce
    .number({ message: 'must be a percentage' })
    .int('must be a whole percentage')
    .min(0, 'must be at least 0')
    .max(100, 'must be at most 100')
    .default(80),
  TRAINING_ORDER_SWEEP_MS: z.coerce.number().int().min(100).max(86_400_000).default(60_000),
  FOLLOW_UP_IDLE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  FOLLOW_UP_FIRST_CONTACT_DAYS: z.coerce.number().int().min(0).max(90).default(7),
  FOLLOW_UP_NOTICE_SWEEP_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(900_000),
  STATS_FOLD_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
  WARNING_SWEEP_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(3_600_000),
  WARNING_SEEKERS_PER_SEAT: steps('3,6,10'),
  WARNING_POSTINGS_DROP_PERCENT: steps('30,50,70'),
  WARNING_HIRES_DROP_PERCENT: steps('30,50,70'),
  WARNING_UNMATCHED_PERCENT: steps('50,70,85'),
  WARNING_MASS_CANCELLATIONS: steps('10,20,100'),
  WARNING_MIN_SEEKERS: z.coerce.number().int().min(1).max(100_000).default(20),
  WARNING_MIN_WEEK_BASE: z.coerce.number().int().min(1).max(100_000).default(10),
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
  OFFER_FIRST_CHUNK: z.coerce.number().int().min(1).max(10_000).default(1000),
  OFFER_WAVE_TIMING: flag.default(false),
  ACCEPT_TIMING: flag.default(false),
  LOCATION_CELL_KM: z.coerce
    .number({ message: says('config.km') })
    .min(1, says('config.kmAtLeast'))
    .max(20, says('config.kmAtMost'))
    .default(3),
  TRUST_PROXY: trustProxy.default(false),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(3).max(50).default(12),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).max(200).default(15),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(100).max(10_000_000).default(20_000),
  KIOSK_PERSISTED_QUERIES_ONLY: flag.default(true),
  KIOSK_CACHE_MS: z.coerce
    .number({ message: says('config.number') })
    .int()
    .min(0)
    .max(60_000)
    .default(3000),
  METRICS_TOKEN: z
    .string()
    .regex(/^\S{16,}$/, says('config.metricsToken'))
    .optional(),
  SMS_PROVIDER: z.enum(['dev', 'tencent'], { message: says('config.smsProvider') }).default('dev'),
  IDENTITY_SERVICE: z.enum(['off', 'dev'], { message: says('config.identityService') }).optional(),
  INSURER_PROVIDER: z.enum(['off', 'dev', 'http'], { message: says('config.insurerProvider') }).optional(),
  INSURER_URL: httpUrl.optional(),
  INSURER_TOKEN: z
    .string()
    .regex(/^\S{16,}$/, says('config.insurerToken'))
    .optional(),
  INSURER_NAME: z.string().trim().min(2).max(60).optional(),
  INSURER_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(10_000),
  SMS_QUIET_START: clockTime.prefault('21:00'),
  SMS_QUIET_END: clockTime.prefault('07:00'),
  SMS_DAILY_CAP: z.coerce.number().int().min(1).max(100).default(10),
  SMS_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{24,}$/, says('config.webhookSecret'))
    .optional(),
  TENCENT_SMS_SECRET_ID: z.string().min(8, says('config.tencentSecretId')).optional(),
  TENCENT_SMS_SECRET_KEY: z.string().min(8, says('config.tencentSecretKey')).optional(),
  TENCENT_SMS_APP_ID: z
    .string()
    .regex(/^[0-9]{6,12}$/, says('config.tencentAppId'))
    .optional(),
  TENCENT_SMS_SIGN_NAME: z.string().min(2).max(20).default('零工'),
  TENCENT_SMS_TEMPLATE_ID: tencentTemplateId.optional(),
  TENCENT_SMS_HIRED_TEMPLATE_ID: tencentTemplateId.optional(),
  TENCENT_SMS_NOTICE_TEMPLATE_ID: tencentTemplateId.optional(),
  TENCENT_SMS_CODE_TEMPLATE_ID: tencentTemplateId.optional(),
  TENCENT_SMS_REGION: z
    .enum(['ap-guangzhou', 'ap-beijing', 'ap-nanjing'], { message: says('config.tencentRegion') })
    .default('ap-guangzhou'),
});

/** What SMS_PROVIDER=tencent cannot start without (each one's meaning: `console:tencent.<name>`). */
export const TENCENT_REQUIRED = [
  'TENCENT_SMS_SECRET_ID',
  'TENCENT_SMS_SECRET_KEY',
  'TENCENT_SMS_APP_ID',
  'TENCENT_SMS_TEMPLATE_ID',
  'TENCENT_SMS_HIRED_TEMPLATE_ID',
  'TENCENT_SMS_NOTICE_TEMPLATE_ID',
  'TENCENT_SMS_CODE_TEMPLATE_ID',
  'SMS_WEBHOOK_SECRET',
] as const;
