import { isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { envSchema, TENCENT_REQUIRED } from './config-env.js';
import type { MessageKey } from './i18n/catalogue.js';
import { consoleLocale, type Locale } from './i18n/locale.js';
import { zhCN as consoleMessages } from './i18n/messages/console.zh-CN.js';
import { render } from './i18n/render.js';
import { type MessageParams, type Text, text } from './i18n/text.js';
import type { InsurerSettings } from './modules/insurance/insurer.gateway.js';
import { projectRoot } from './paths.js';

export type Env = z.input<typeof envSchema>;

/**
 * The configuration's refusal: every problem, one line each, in the console's language (LINGONG_LOCALE,
 * else the process locale: src/i18n/locale.ts).
 */
export class ConfigError extends Error {
  /** One line per problem, in the console's language. */
  readonly problems: string[];

  constructor(
    readonly texts: Text[],
    locale: Locale,
  ) {
    const problems = texts.map((problem) => render(problem, locale));
    super([render(text('console:config.invalid'), locale), ...problems.map((p) => `  - ${p}`)].join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const problem = (name: string, what: Text) => text('console:config.problem', { name, problem: what });

/** Every key of the `console` namespace, as a check's message names it. */
const consoleKeys = new Set(Object.keys(consoleMessages).map((key) => `console:${key}`));

/** A zod issue as a console message: the check's own (a `console:` key), else worded from its kind. */
function issueText(issue: z.core.$ZodIssue): Text {
  const bounds = issue as { minimum?: unknown; maximum?: unknown; origin?: unknown };
  const minimum = Number(bounds.minimum);
  const maximum = Number(bounds.maximum);
  const key = issue.message as MessageKey;
  if (consoleKeys.has(key)) {
    const params = (issue.code === 'custom' ? issue.params : undefined) as MessageParams | undefined;
    return text(key, { minimum, maximum, ...params });
  }
  switch (issue.code) {
    case 'invalid_value':
      return text('console:config.oneOf', { options: issue.values.map(String).join(', ') });
    case 'invalid_type':
      return text(issue.expected === 'int' ? 'console:config.wholeNumber' : 'console:config.number');
    case 'too_small':
      return text(bounds.origin === 'string' ? 'console:config.atLeastChars' : 'console:config.atLeast', {
        minimum,
      });
    case 'too_big':
      return text(bounds.origin === 'string' ? 'console:config.atMostChars' : 'console:config.atMost', {
        maximum,
      });
    default:
      return text('console:config.invalidValue');
  }
}

/**
 * What a production node must be given (generated secrets are a development convenience), read from
 * the raw environment so it is reported together with any other wrong variable.
 */
function missingProductionSecrets(present: Record<string, string | undefined>): Text[] {
  if (present.NODE_ENV !== 'production') return [];
  const problems: Text[] = [];
  if (!present.JWT_SECRET) problems.push(problem('JWT_SECRET', text('console:config.setInProduction')));
  if (!present.PII_KEY) problems.push(problem('PII_KEY', text('console:config.setInProduction')));
  // /metrics tells the market's volume and the server's insides: never open on a public node.
  if (!present.METRICS_TOKEN) {
    problems.push(problem('METRICS_TOKEN', text('console:config.metricsTokenInProduction')));
  }
  return problems;
}

/**
 * Reads and checks the environment once; a wrong variable stops the start with its name and the
 * fix, in the console's language.
 */
/** The socket.io adapter's settings, once loadConfig has checked them. */
export type SocketAdapterSettings = { adapter: 'postgres' } | { adapter: 'redis'; redisUrl: string };

function socketAdapterOf(adapter: 'postgres' | 'redis', redisUrl: string | undefined): SocketAdapterSettings {
  return adapter === 'redis' && redisUrl ? { adapter, redisUrl } : { adapter: 'postgres' };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const locale = consoleLocale(env);
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    // Every problem in one round: a wrong variable, and the secrets production still lacks.
    throw new ConfigError(
      [
        ...parsed.error.issues.map((issue) => {
          const name = issue.path.join('.');
          const got = present[name];
          return got === undefined
            ? problem(name, issueText(issue))
            : text('console:config.problemGot', { name, problem: issueText(issue), got });
        }),
        ...missingProductionSecrets(present),
      ],
      locale,
    );
  }
  const e = parsed.data;
  const problems: Text[] = [...missingProductionSecrets(present)];
  if (e.NODE_ENV === 'production' && e.IDENTITY_SERVICE === 'dev') {
    // The development identity service confirms by a rule anyone can read: never a real verification.
    problems.push(problem('IDENTITY_SERVICE', text('console:config.identityDevInProduction')));
  }
  if (e.NODE_ENV === 'production' && e.INSURER_PROVIDER === 'dev') {
    // The development insurer makes up policy numbers: nobody is insured.
    problems.push(problem('INSURER_PROVIDER', text('console:config.insurerDevInProduction')));
  }
  if (e.INSURER_PROVIDER === 'http') {
    for (const name of ['INSURER_URL', 'INSURER_TOKEN', 'INSURER_NAME'] as const) {
      if (!e[name]) problems.push(problem(name, text('console:config.insurerHttpRequired')));
    }
    if (e.NODE_ENV === 'production' && e.INSURER_URL && !e.INSURER_URL.startsWith('https://')) {
      problems.push(problem('INSURER_URL', text('console:config.insurerHttps')));
    }
  }
  if (Boolean(e.ADMIN_PHONE) !== Boolean(e.ADMIN_PASSWORD)) {
    problems.push(text('console:config.adminBoth'));
  }
  if (e.LOGIN_NUMBER_MAX_FAILURES <= e.LOGIN_MAX_FAILURES) {
    // Else one address could lock a number for everyone, its owner included.
    problems.push(
      problem(
        'LOGIN_NUMBER_MAX_FAILURES',
        text('console:config.numberMaxFailures', { max: e.LOGIN_MAX_FAILURES }),
      ),
    );
  }
  if (e.PHONE_CODE_NUMBER_DAILY_CEILING <= e.PHONE_CODE_NUMBER_DAILY) {
    problems.push(
      problem(
        'PHONE_CODE_NUMBER_DAILY_CEILING',
        text('console:config.phoneCodeCeiling', { daily: e.PHONE_CODE_NUMBER_DAILY }),
      ),
    );
  }
  if (e.SMS_PROVIDER === 'tencent') {
    for (const name of TENCENT_REQUIRED) {
      if (!e[name]) {
        problems.push(
          problem(name, text('console:config.tencentRequired', { what: text(`console:tencent.${name}`) })),
        );
      }
    }
  }
  if (e.SOCKET_ADAPTER === 'redis' && !e.REDIS_URL) {
    problems.push(problem('REDIS_URL', text('console:config.redisRequired')));
  }
  if (problems.length > 0) throw new ConfigError(problems, locale);
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
      txGuard: e.DB_TX_GUARD,
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
      /** The bulk gig tier: one index, or one per city (src/search/cities.ts). */
      gigIndex: e.SEARCH_GIG_INDEX,
    },
    seedDemo: e.SEED_DEMO,
    auth: {
      jwtSecret: e.JWT_SECRET,
      accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
      admin:
        e.ADMIN_PHONE && e.ADMIN_PASSWORD ? { phone: e.ADMIN_PHONE, password: e.ADMIN_PASSWORD } : undefined,
      /** Sign-in calls per window: per client address (anonymous) and per signed-in account. */
      rateLimit: {
        max: e.AUTH_RATE_LIMIT_MAX,
        accountMax: e.AUTH_ACCOUNT_RATE_LIMIT_MAX,
        windowSeconds: e.AUTH_RATE_LIMIT_WINDOW_SECONDS,
      },
      /**
       * Per phone number and client address: after slowAfter failures each attempt waits slowSeconds,
       * doubled each time; after maxFailures within lockMinutes the pair is refused for lockMinutes.
       * Per number across addresses: numberMaxFailures within lockMinutes lock the number (the
       * owner unlocks it with a code sent to the phone). Per client address across numbers:
       * addressMaxFailures wrong passwords a minute, whatever the address's sign-in budget.
       */
      loginLockout: {
        maxFailures: e.LOGIN_MAX_FAILURES,
        lockMinutes: e.LOGIN_LOCK_MINUTES,
        slowAfter: e.LOGIN_SLOW_AFTER,
        slowSeconds: e.LOGIN_SLOW_SECONDS,
        numberMaxFailures: e.LOGIN_NUMBER_MAX_FAILURES,
        addressMaxFailures: e.LOGIN_ADDRESS_MAX_FAILURES,
      },
      /** One-time codes sent to a phone (requestPhoneCode): life, tries, and how many may be asked for. */
      phoneCodes: {
        ttlMinutes: e.PHONE_CODE_TTL_MINUTES,
        maxTries: e.PHONE_CODE_MAX_TRIES,
        resendSeconds: e.PHONE_CODE_RESEND_SECONDS,
        perNumber: { hourly: e.PHONE_CODE_NUMBER_HOURLY, daily: e.PHONE_CODE_NUMBER_DAILY },
        numberDailyCeiling: e.PHONE_CODE_NUMBER_DAILY_CEILING,
        perAddress: {
          hourly: e.PHONE_CODE_ADDRESS_HOURLY,
          daily: e.PHONE_CODE_ADDRESS_DAILY,
          wrongDaily: e.PHONE_CODE_ADDRESS_WRONG_DAILY,
        },
      },
      /**
       * Sessions (docs/security.md): a session found live is trusted without asking the database
       * while the node's last ping on lingong_sessions that came back was sent within checkCacheMs
       * (an ending drops it on every node at once); a socket whose token expired is told
       * expiringNoticeSeconds before and cut renewGraceSeconds after unless it renews.
       */
      sessions: {
        checkCacheMs: e.SESSION_CHECK_CACHE_MS,
        renewGraceSeconds: e.SESSION_RENEW_GRACE_SECONDS,
        expiringNoticeSeconds: e.SESSION_EXPIRING_NOTICE_SECONDS,
      },
    },
    /**
     * GraphQL mutations per account (anonymous: per client address) per minute; a station
     * operator's per minute (its walk-ins' registrations and what it does for them).
     */
    mutationRateLimit: {
      perMinute: e.MUTATION_RATE_LIMIT,
      // Never less than anyone else's.
      stationPerMinute: Math.max(e.STATION_MUTATION_RATE_LIMIT, e.MUTATION_RATE_LIMIT),
    },
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
    /** What carries socket.io events between API nodes (src/realtime/cluster.ts, docs/scale.md). */
    realtime: socketAdapterOf(e.SOCKET_ADAPTER, e.REDIS_URL),
    /**
     * Certificates (docs/skills.md): a 特种作业操作证's holder is told this many days before it
     * expires, once; the workers' job looks for certificates due every `sweepMs`.
     */
    certificates: { noticeDays: e.CERTIFICATE_NOTICE_DAYS, sweepMs: e.CERTIFICATE_SWEEP_MS, batch: 200 },
    /** Course results (docs/training.md): a pass needs this share (%) of the course's days present. */
    enrolments: { minAttendancePercent: e.COURSE_MIN_ATTENDANCE },
    /**
     * Ordered training (docs/training.md): each node looks every `sweepMs` for completed courses
     * of taken orders whose graduates are not yet on the employer's roster, `batch` at a time.
     */
    trainingOrders: { sweepMs: e.TRAINING_ORDER_SWEEP_MS, batch: 50 },
    /**
     * The follow-up ledger (帮扶台账): a priority worker (or one who asked for help) without work
     * this many days joins their station's list, unless their region sets its own days; their
     * first contact is due within `firstContactDays` of joining it.
     */
    followUp: {
      defaultIdleDays: e.FOLLOW_UP_IDLE_DAYS,
      firstContactDays: e.FOLLOW_UP_FIRST_CONTACT_DAYS,
      noticeSweepMs: e.FOLLOW_UP_NOTICE_SWEEP_MS,
    },
    stats: { foldMs: e.STATS_FOLD_MS },
    /** The early warning of job loss (docs/warnings.md): how often it is computed, and its thresholds. */
    warnings: {
      sweepMs: e.WARNING_SWEEP_MS,
      thresholds: {
        seekersPerSeat: e.WARNING_SEEKERS_PER_SEAT,
        postingsDropPercent: e.WARNING_POSTINGS_DROP_PERCENT,
        hiresDropPercent: e.WARNING_HIRES_DROP_PERCENT,
        unmatchedPercent: e.WARNING_UNMATCHED_PERCENT,
        massCancellations: e.WARNING_MASS_CANCELLATIONS,
        minSeekers: e.WARNING_MIN_SEEKERS,
        minWeekBase: e.WARNING_MIN_WEEK_BASE,
      },
    },
    offers: {
      fanOut: e.OFFER_FAN_OUT,
      ttlSeconds: e.OFFER_TTL_SECONDS,
      sweepMs: e.OFFER_SWEEP_MS,
      ackTimeoutMs: e.OFFER_ACK_TIMEOUT_MS,
      backfillMinMinutes: e.BACKFILL_MIN_MINUTES,
      firstChunk: e.OFFER_FIRST_CHUNK,
      waveTiming: e.OFFER_WAVE_TIMING,
      acceptTiming: e.ACCEPT_TIMING,
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
    /**
     * Where per-day accident policies are bought (docs/insurance.md): `dev` makes numbers up and is
     * refused in production; `http` is an insurer's API; `off` (production's default) buys none.
     */
    insurance: insurerSettings(e),
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

/** The insurer adapter's settings, once loadConfig has checked them. */
function insurerSettings(e: z.output<typeof envSchema>): InsurerSettings {
  const provider = e.INSURER_PROVIDER ?? (e.NODE_ENV === 'production' ? 'off' : 'dev');
  if (provider !== 'http') return { provider };
  return {
    provider,
    http: {
      url: e.INSURER_URL as string,
      token: e.INSURER_TOKEN as string,
      name: e.INSURER_NAME as string,
      timeoutMs: e.INSURER_TIMEOUT_MS,
    },
  };
}

export type Config = ReturnType<typeof loadConfig>;
