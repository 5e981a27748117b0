import { existsSync, mkdirSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (scripts/install-chromium.sh installs it); playwright never downloads one here. */
const CHROMIUM = '/usr/bin/chromium';
/** Where browser tests leave their screenshots (CI keeps the folder). */
export const ARTIFACTS = 'test-artifacts';

/** Whether Chromium is here; if not, says so once for `file` and what it would have shown. */
export function chromiumFor(file: string, what: string): boolean {
  const present = existsSync(CHROMIUM);
  if (!present) {
    console.warn(
      `${file}: SKIPPED, ${CHROMIUM} is missing. Run scripts/install-chromium.sh as root (apt-get install chromium) to run ${what} in a real browser.`,
    );
  }
  return present;
}

/** Headless Chromium with the flags this machine needs, and the artifacts folder ready. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
