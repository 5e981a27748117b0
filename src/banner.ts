import type { Config } from './config.js';
import type { Locale } from './i18n/locale.js';
import { render } from './i18n/render.js';
import { type Text, text } from './i18n/text.js';
import type { BackingServices } from './plugins/embedded-services.js';

/** Columns a terminal gives a character: two for CJK and full-width forms, one for the rest. */
const wide = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
export const displayWidth = (line: string) => [...line].reduce((sum, ch) => sum + (wide.test(ch) ? 2 : 1), 0);

const LABEL_COLUMNS = 11;

/** `  label      value`, the values in one column whatever the label's script. */
export function bannerLine(label: string, value: string): string {
  return `  ${label}${' '.repeat(Math.max(1, LABEL_COLUMNS - displayWidth(label)))}${value}`;
}

/** The start-up banner: where everything is, in the console's language. */
export function bannerLines(options: {
  config: Pick<Config, 'isProduction' | 'dataDir' | 'database'>;
  address: string;
  backing: BackingServices;
  kiosk: { token: string; station: string } | null;
  fontNote: string[];
  locale: Locale;
}): string[] {
  const { config, backing, kiosk, locale } = options;
  const say = (message: Text) => render(message, locale);
  const base = options.address.replace('[::1]', 'localhost');
  const dataIn = (folder: string) => `${config.dataDir}/${folder}`;
  return [
    say(text('console:banner.running')),
    bannerLine('GraphQL', `${base}/graphql`),
    ...(config.isProduction ? [] : [bannerLine('GraphiQL', `${base}/graphiql`)]),
    bannerLine(
      'socket.io',
      `${base.replace(/^http/, 'ws')}/socket.io/  ${say(text('console:banner.socketAuth'))}`,
    ),
    bannerLine(say(text('console:label.health')), `${base}/healthz  ${base}/readyz`),
    bannerLine(
      say(text('console:label.dashboard')),
      `${base}/dashboard  ${say(text('console:banner.dashboard'))}`,
    ),
    bannerLine(say(text('console:label.metrics')), `${base}/metrics`),
    ...(kiosk
      ? [
          bannerLine(
            say(text('console:label.kiosk')),
            `${base}/kiosk#token=${kiosk.token}  ${say(text('console:banner.kiosk', { station: kiosk.station }))}`,
          ),
        ]
      : []),
    bannerLine(
      'PostgreSQL',
      backing.embedded.postgres
        ? say(
            text('console:banner.postgresEmbedded', {
              port: String(config.database.embeddedPort),
              dir: dataIn('postgres'),
            }),
          )
        : 'DATABASE_URL',
    ),
    bannerLine(
      'Meilisearch',
      say(
        backing.embedded.meilisearch
          ? text('console:banner.meiliEmbedded', { url: backing.meiliUrl, dir: dataIn('meili') })
          : text('console:banner.meiliGiven', { url: backing.meiliUrl }),
      ),
    ),
    ...(backing.meiliFreshUrl === backing.meiliUrl
      ? []
      : [
          bannerLine(
            'Meilisearch',
            say(
              backing.embedded.meilisearchFresh
                ? text('console:banner.meiliFreshEmbedded', {
                    url: backing.meiliFreshUrl,
                    dir: dataIn('meili-fresh'),
                  })
                : text('console:banner.meiliFreshGiven', { url: backing.meiliFreshUrl }),
            ),
          ),
        ]),
    ...options.fontNote,
  ];
}
