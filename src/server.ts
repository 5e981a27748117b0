import closeWithGrace from 'close-with-grace';
import { buildApp } from './build.js';
import { ConfigError, loadConfig } from './config.js';
import { demoKioskToken } from './demo/demo-stations.js';
import type { BackingServices } from './plugins/embedded-services.js';
import { chineseFontNote } from './system-fonts.js';

function printWhere(
  config: ReturnType<typeof loadConfig>,
  address: string,
  backing: BackingServices,
  kioskToken: string | null,
  fontNote: string[],
) {
  const base = address.replace('[::1]', 'localhost');
  const lines = [
    'Lingong 零工 market is running',
    `  GraphQL    ${base}/graphql`,
    ...(config.isProduction ? [] : [`  GraphiQL   ${base}/graphiql`]),
    `  socket.io  ${base.replace(/^http/, 'ws')}/socket.io/  (auth: { token })`,
    `  health     ${base}/healthz  ${base}/readyz`,
    `  dashboard  ${base}/dashboard  (admins: the bureau's statistics)`,
    `  metrics    ${base}/metrics`,
    ...(kioskToken ? [`  kiosk      ${base}/kiosk#token=${kioskToken}  (demo station 拳铺镇零工驿站)`] : []),
    `  PostgreSQL ${backing.embedded.postgres ? `embedded, port ${config.database.embeddedPort}, data in ${config.dataDir}/postgres` : 'DATABASE_URL'}`,
    `  Meilisearch ${backing.meiliUrl}${backing.embedded.meilisearch ? ` (embedded, data in ${config.dataDir}/meili)` : ' (MEILI_URL)'}`,
    ...(backing.meiliFreshUrl === backing.meiliUrl
      ? []
      : [
          `  Meilisearch ${backing.meiliFreshUrl}${backing.embedded.meilisearchFresh ? ` (embedded, new gigs, data in ${config.dataDir}/meili-fresh)` : ' (MEILI_FRESH_URL, new gigs)'}`,
        ]),
    ...fontNote,
  ];
  console.log(`\n${lines.join('\n')}\n`);
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

  const app = await buildApp({ config });
  closeWithGrace({ delay: config.shutdownGraceMs, logger: app.log }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an unexpected error');
    else app.log.info({ signal }, 'closing: draining requests, then stopping services');
    await app.close();
  });
  const address = await app.listen({ host: config.host, port: config.port, backlog: config.http.backlog });
  printWhere(
    config,
    address,
    app.backing,
    config.seedDemo ? await demoKioskToken(config.dataDir) : null,
    // The pages are Chinese: a machine without a Chinese font shows them as boxes (fc-list says).
    await chineseFontNote(),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
