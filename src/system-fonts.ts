import { execFile } from 'node:child_process';
import { bannerLine } from './banner.js';
import { DEFAULT_LOCALE, type Locale } from './i18n/locale.js';
import { render } from './i18n/render.js';
import { text } from './i18n/text.js';

export type FontCheck = {
  /** fontconfig's lister; `fc-list` on the PATH unless given. */
  command?: string;
  /** Its environment (FONTCONFIG_FILE says which fonts it sees); this process's unless given. */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
};

/**
 * Whether this machine has a font for Chinese, as fontconfig sees it (`fc-list :lang=zh`): true
 * or false, or null when it cannot tell (no fc-list, as on Windows and macOS, or it failed).
 */
export function hasChineseFont({ command = 'fc-list', env, timeoutMs = 5_000 }: FontCheck = {}) {
  return new Promise<boolean | null>((resolve) => {
    execFile(command, [':lang=zh', 'family'], { env, timeout: timeoutMs }, (error, stdout) =>
      resolve(error ? null : stdout.trim().length > 0),
    );
  });
}

/**
 * The start-up banner's line about fonts: said only when this machine surely has no Chinese font,
 * since a browser here (a kiosk's, or the bureau's) would show boxes for every Chinese character.
 */
export async function chineseFontNote(
  check: FontCheck = {},
  locale: Locale = DEFAULT_LOCALE,
): Promise<string[]> {
  if ((await hasChineseFont(check)) !== false) return [];
  const label = render(text('console:label.fonts'), locale);
  return [
    bannerLine(label, render(text('console:fonts.missing'), locale)),
    bannerLine('', render(text('console:fonts.install'), locale)),
  ];
}
