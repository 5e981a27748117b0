import closeWithGrace from 'close-with-grace';
import { bannerLines } from './banner.js';
import { buildApp } from './build.js';
import { ConfigError, loadConfig } from './config.js';
import { DEMO_STATION_NAME, demoKioskToken } from './demo/demo-stations.js';
import { removeMarketPointer, writeMarketPointer } from './embedded/market-pointer.js';
import { consoleLocale } from './i18n/locale.js';
import { StartupError, startupFailureLine } from './startup-error.js';
import { chineseFontNote } from './system-fonts.js';

/** The console's language, for every line this process prints for a person. */
const locale = consoleLocale(process.env);

/**
 * A start that fails prints one line (what went wrong, what to do) and exits 1, having stopped
 * whatever it started; the details go to the log at debug level. Also for an error thrown outside
 * any promise (a child's spawn failing), caught here until the market is up.
 */
function failStart(error: unknown, log?: { debug: (details: object, message: string) => void }): never {
  if (log)
    log.debug(
      { err: error, details: error instanceof StartupError ? error.details : undefined },
      'start failed',
    );
  else if (/^(debug|trace)$/.test(process.env.LOG_LEVEL ?? '')) {
    console.error(error instanceof StartupError && error.details ? error.details : error);
  }
  console.error(startupFailureLine(error, locale));
  process.exit(1);
}

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  const whileStarting = (error: unknown) => failStart(error);
  process.on('uncaughtException', whileStarting);
  process.on('unhandledRejection', whileStarting);
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    app = await buildApp({ config });
    const built = app;
    closeWithGrace({ delay: config.shutdownGraceMs, logger: built.log }, async ({ signal, err }) => {
      if (err) built.log.error({ err }, 'closing after an unexpected error');
      else built.log.info({ signal }, 'closing: draining requests, then stopping services');
      await built.close();
      await removeMarketPointer();
    });
    const address = await built.listen({
      host: config.host,
      port: config.port,
      backlog: config.http.backlog,
    });
    process.removeListener('uncaughtException', whileStarting);
    process.removeListener('unhandledRejection', whileStarting);
    const kioskToken = config.seedDemo ? await demoKioskToken(config.dataDir) : null;
    const banner = bannerLines({
      config,
      address,
      backing: built.backing,
      kiosk: kioskToken ? { token: kioskToken, station: DEMO_STATION_NAME } : null,
      // The pages are Chinese: a machine without a Chinese font shows them as boxes (fc-list says).
      fontNote: await chineseFontNote({}, locale),
      locale,
    });
    console.log(`\n${banner.join('\n')}\n`);
    // After the banner, and never a reason to stop: a checkout may be read-only (then the tools
    // need DATA_DIR, and say so).
    await writeMarketPointer({
      dataDir: config.dataDir,
      database: built.backing.embedded.postgres ? 'embedded' : 'DATABASE_URL',
    }).catch((err) => built.log.debug({ err }, 'could not note where the market runs'));
  } catch (error) {
    // buildApp closes what it started when it fails; a failed listen leaves that to us.
    await app?.close().catch(() => {});
    failStart(error, app?.log);
  }
}

main().catch((error) => failStart(error));
