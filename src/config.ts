import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { projectRoot } from './paths.js';

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
const envSchema = z.object({
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
  AUTH_RATE_LIMIT_MAX: z.coerce.number().int().min(1).max(100_000).default(10),
  AUTH_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  LOGIN_SLOW_AFTER: z.coerce.number().int().min(1).max(1000).default(3),
  LOGIN_SLOW_SECONDS: z.coerce.number().int().min(0).max(3600).default(2),
  LOGIN_NUMBER_MAX_FAILURES: z.coerce.number().int().min(2).max(100_000).default(30),
  PHONE_CODE_TTL_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
  PHONE_CODE_MAX_TRIES: z.coerce.number().int().min(1).max(20).default(5),
  PHONE_CODE_RESEND_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  PHONE_CODE_NUMBER_HOURLY: z.coerce.number().int().min(1).max(1_000_000).default(5),
  PHONE_CODE_NUMBER_DAILY: z.coerce.number().int().min(1).max(1_000_000).default(10),
  PHONE_CODE_NUMBER_DAILY_CEILING: z.coerce.number().int().min(1).max(1_000_000).default(20),
  PHONE_CODE_ADDRESS_HOURLY: z.coerce.number().int().min(1).max(1_000_000).default(20),
  PHONE_CODE_ADDRESS_DAILY: z.coerce.number().int().min(1).max(1_000_000).default(50),
  MUTATION_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(120),
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
const TENCENT_REQUIRED = {
  TENCENT_SMS_SECRET_ID: 'the SecretId of an API key allowed to send SMS',
  TENCENT_SMS_SECRET_KEY: 'the SecretKey of that API key',
  TENCENT_SMS_APP_ID: 'the SmsSdkAppId of the SMS application',
  TENCENT_SMS_TEMPLATE_ID: 'the id of the approved offer template; README, "Offers by SMS"',
  TENCENT_SMS_HIRED_TEMPLATE_ID: 'the id of the approved hire-confirmation template',
  TENCENT_SMS_NOTICE_TEMPLATE_ID: 'the id of the approved short-answer template',
  TENCENT_SMS_CODE_TEMPLATE_ID: 'the id of the approved verification-code template (验证码)',
  SMS_WEBHOOK_SECRET: 'the secret token of the callback URLs, 24+ characters',
} as const;

export type Env = z.input<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and checks the environment once; a wrong variable stops the start with its name and the fix. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const got = present[name];
        return `${name}: ${issue.message}${got === undefined ? '' : ` (got "${got}")`}`;
      }),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.NODE_ENV === 'production') {
    // Generated secrets are a development convenience; a production node must be given its own.
    if (!e.JWT_SECRET) problems.push('JWT_SECRET: must be set in production (at least 32 characters)');
    if (!e.PII_KEY) problems.push('PII_KEY: must be set in production (at least 32 characters)');
    // /metrics tells the market's volume and the server's insides: never open on a public node.
    if (!e.METRICS_TOKEN) {
      problems.push('METRICS_TOKEN: must be set in production (16+ characters; e.g. `openssl rand -hex 24`)');
    }
  }
  if (e.NODE_ENV === 'production' && e.IDENTITY_SERVICE === 'dev') {
    // The development identity service confirms by a rule anyone can read: never a real verification.
    problems.push('IDENTITY_SERVICE: dev is not allowed in production (use off)');
  }
  if (Boolean(e.ADMIN_PHONE) !== Boolean(e.ADMIN_PASSWORD)) {
    problems.push('ADMIN_PHONE and ADMIN_PASSWORD: set both, or neither');
  }
  if (e.LOGIN_NUMBER_MAX_FAILURES <= e.LOGIN_MAX_FAILURES) {
    // Else one address could lock a number for everyone, its owner included.
    problems.push(
      `LOGIN_NUMBER_MAX_FAILURES: must be more than LOGIN_MAX_FAILURES (${e.LOGIN_MAX_FAILURES}), so that one address cannot lock a number for everyone`,
    );
  }
  if (e.PHONE_CODE_NUMBER_DAILY_CEILING <= e.PHONE_CODE_NUMBER_DAILY) {
    problems.push(
      `PHONE_CODE_NUMBER_DAILY_CEILING: must be more than PHONE_CODE_NUMBER_DAILY (${e.PHONE_CODE_NUMBER_DAILY}), so that one address cannot use up the owner's codes`,
    );
  }
  if (e.SMS_PROVIDER === 'tencent') {
    for (const [name, what] of Object.entries(TENCENT_REQUIRED)) {
      if (!e[name as keyof typeof TENCENT_REQUIRED]) {
        problems.push(`${name}: must be set with SMS_PROVIDER=tencent (${what})`);
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const dataDir = isAbsolute(e.DATA_DIR) ? e.DATA_DIR : resolve(projectRoot, e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    isProduction: e.NODE_ENV === 'production',
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    dataDir,
    database: {
      url: e.DATABASE_URL,
      poolSize: e.DATABASE_POOL_SIZE,
      embeddedPort: e.EMBEDDED_PG_PORT,
      migrateOnStart: e.MIGRATE_ON_START,
    },
    meili: {
      url: e.MEILI_URL,
      masterKey: e.MEILI_MASTER_KEY,
      bin: e.MEILI_BIN,
      indexPrefix: e.MEILI_INDEX_PREFIX,
      embeddedPort: e.EMBEDDED_MEILI_PORT,
      queryTimeoutMs: e.MEILI_QUERY_TIMEOUT_MS,
      /** The fresh gig tier's server: a URL, else an embedded one when MEILI_URL is not set either. */
      freshUrl: e.MEILI_FRESH_URL,
      freshEmbeddedPort: e.EMBEDDED_MEILI_FRESH_PORT,
    },
    seedDemo: e.SEED_DEMO,
    auth: {
      jwtSecret: e.JWT_SECRET,
      accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
      admin:
        e.ADMIN_PHONE && e.ADMIN_PASSWORD ? { phone: e.ADMIN_PHONE, password: e.ADMIN_PASSWORD } : undefined,
      rateLimit: { max: e.AUTH_RATE_LIMIT_MAX, windowSeconds: e.AUTH_RATE_LIMIT_WINDOW_SECONDS },
      /**
       * Per phone number and client address: after slowAfter failures each attempt waits slowSeconds,
       * doubled each time; after maxFailures within lockMinutes the pair is refused for lockMinutes.
       * Per number across addresses: numberMaxFailures within lockMinutes lock the number (the
       * owner unlocks it with a code sent to the phone).
       */
      loginLockout: {
        maxFailures: e.LOGIN_MAX_FAILURES,
        lockMinutes: e.LOGIN_LOCK_MINUTES,
        slowAfter: e.LOGIN_SLOW_AFTER,
        slowSeconds: e.LOGIN_SLOW_SECONDS,
        numberMaxFailures: e.LOGIN_NUMBER_MAX_FAILURES,
      },
      /** One-time codes sent to a phone (requestPhoneCode): life, tries, and how many may be asked for. */
      phoneCodes: {
        ttlMinutes: e.PHONE_CODE_TTL_MINUTES,
        maxTries: e.PHONE_CODE_MAX_TRIES,
        resendSeconds: e.PHONE_CODE_RESEND_SECONDS,
        perNumber: { hourly: e.PHONE_CODE_NUMBER_HOURLY, daily: e.PHONE_CODE_NUMBER_DAILY },
        numberDailyCeiling: e.PHONE_CODE_NUMBER_DAILY_CEILING,
        perAddress: { hourly: e.PHONE_CODE_ADDRESS_HOURLY, daily: e.PHONE_CODE_ADDRESS_DAILY },
      },
      /**
       * Sessions (docs/security.md): a session found live is trusted for checkCacheMs without asking
       * the database (an ending drops it on every node at once); a socket whose token expired is
       * told expiringNoticeSeconds before and cut renewGraceSeconds after unless it renews.
       */
      sessions: {
        checkCacheMs: e.SESSION_CHECK_CACHE_MS,
        renewGraceSeconds: e.SESSION_RENEW_GRACE_SECONDS,
        expiringNoticeSeconds: e.SESSION_EXPIRING_NOTICE_SECONDS,
      },
    },
    /** GraphQL mutations per account (anonymous: per client address) per minute. */
    mutationRateLimit: { perMinute: e.MUTATION_RATE_LIMIT },
    http: {
      /**
       * Connections the kernel holds for the API before it accepts them (listen's backlog; Linux
       * caps it at net.core.somaxconn). A crowd of phones accepting one gig at once overflowed
       * Node's default of 511: connections past it were dropped and tried again a second later.
       */
      backlog: e.LISTEN_BACKLOG,
      /** fastify's bodyLimit, and socket.io's largest message. */
      bodyLimitBytes: e.BODY_LIMIT_BYTES,
      /** Other sites' origins allowed to call the API from a browser (CORS, socket.io). */
      corsOrigins: e.CORS_ORIGINS,
    },
    piiKey: e.PII_KEY,
    outbox: {
      pollMs: e.OUTBOX_POLL_MS,
      batchSize: e.OUTBOX_BATCH_SIZE,
      /** The bulk gig index: a batch at most this often, of at most this many rows (tiers.ts). */
      bulkIntervalMs: e.SEARCH_BULK_INTERVAL_MS,
      bulkBatchSize: e.SEARCH_BULK_BATCH_SIZE,
    },
    gigs: { sweepMs: e.GIG_SWEEP_MS },
    stats: { foldMs: e.STATS_FOLD_MS },
    offers: {
      fanOut: e.OFFER_FAN_OUT,
      ttlSeconds: e.OFFER_TTL_SECONDS,
      sweepMs: e.OFFER_SWEEP_MS,
      ackTimeoutMs: e.OFFER_ACK_TIMEOUT_MS,
      backfillMinMinutes: e.BACKFILL_MIN_MINUTES,
    },
    /**
     * Employers, operators and admins know a worker's home only by the centre of its square cell
     * of this side, km: every distance they see, who is listed for a gig and in what order come
     * from the cell (src/modules/workers/coarse-location.ts; docs/security.md).
     */
    privacy: { locationCellKm: e.LOCATION_CELL_KM },
    work: {
      sweepMs: e.WORK_SWEEP_MS,
      geofenceM: e.CHECK_IN_GEOFENCE_M,
      noShowGraceMinutes: e.NO_SHOW_GRACE_MINUTES,
      checkOutGraceMinutes: e.CHECK_OUT_GRACE_MINUTES,
      lateCancelHours: e.LATE_CANCEL_HOURS,
      attendance: {
        answerHours: e.ATTENDANCE_ANSWER_HOURS,
        farAwayKm: e.CHECK_IN_FAR_KM,
        shortStayShare: e.SHORT_STAY_SHARE,
      },
    },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    /** fastify's trustProxy: which proxies' X-Forwarded-For sets request.ip. */
    trustProxy: e.TRUST_PROXY,
    /**
     * How long a kiosk token's check and a station board's answer are kept in memory (0: not at
     * all): kiosks read the same board over and over, and get each change by socket anyway.
     */
    kiosk: { cacheMs: e.KIOSK_CACHE_MS },
    /**
     * With a token, /metrics answers only `Authorization: Bearer <token>`; without one it is open,
     * which only development and tests allow (production refuses to start without it).
     */
    metrics: { token: e.METRICS_TOKEN },
    graphql: {
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxCost: e.GRAPHQL_MAX_COST,
      /** A kiosk token may run only the kiosk page's persisted queries, sent by hash. */
      kioskPersistedOnly: e.KIOSK_PERSISTED_QUERIES_ONLY,
    },
    /**
     * The identity service that may confirm a worker's name and ID number (VERIFIED_BY_SERVICE):
     * `dev` confirms by a documented rule (docs/security.md), `off` has none (only stations verify).
     */
    identity: {
      service: e.IDENTITY_SERVICE ?? (e.NODE_ENV === 'production' ? 'off' : 'dev'),
    },
    sms: {
      provider: e.SMS_PROVIDER,
      /** The sign every SMS starts with (【零工】); Tencent's approved SignName. */
      signName: e.TENCENT_SMS_SIGN_NAME,
      /** Minutes after midnight (Asia/Shanghai) when offers stop going out by SMS, and start again. */
      quietHours: { start: e.SMS_QUIET_START, end: e.SMS_QUIET_END },
      dailyCap: e.SMS_DAILY_CAP,
      /** The token the provider's callback URLs carry; without it, no callback route is registered. */
      webhookSecret: e.SMS_WEBHOOK_SECRET,
      /** POST /sms/dev/reply: a local stand-in for a phone's reply, never in production. */
      devReplies: e.SMS_PROVIDER === 'dev' && e.NODE_ENV !== 'production',
      tencent:
        e.SMS_PROVIDER === 'tencent'
          ? {
              secretId: e.TENCENT_SMS_SECRET_ID as string,
              secretKey: e.TENCENT_SMS_SECRET_KEY as string,
              appId: e.TENCENT_SMS_APP_ID as string,
              region: e.TENCENT_SMS_REGION,
              templates: {
                OFFER: e.TENCENT_SMS_TEMPLATE_ID as string,
                HIRED: e.TENCENT_SMS_HIRED_TEMPLATE_ID as string,
                NOTICE: e.TENCENT_SMS_NOTICE_TEMPLATE_ID as string,
                CODE: e.TENCENT_SMS_CODE_TEMPLATE_ID as string,
              },
            }
          : undefined,
    },
  };
}

export type Config = ReturnType<typeof loadConfig>;
