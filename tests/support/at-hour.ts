/**
 * Runs vitest with the clock of its processes moved to a time of day, to find tests whose outcome
 * depends on when they run:
 *
 *   npx tsx tests/support/at-hour.ts 23:30Z tests/integrity
 *   npx tsx tests/support/at-hour.ts 07:00+08:00 tests/modules/sms -t 'quiet'
 *
 * It preloads libfaketime (Debian: `apt-get install faketime`) with an offset to the nearest such
 * instant; the clock keeps running from there, and monotonic time (timers) is left alone. The test
 * PostgreSQL and Meilisearch run on the real clock (global-setup.ts starts them without the preload),
 * so rows PostgreSQL stamps with now() are up to 12 hours off the tests' clock; `--with-postgres` (first
 * argument) moves PostgreSQL's clock as well, to tell a failure of that skew from one of the hour:
 *
 *   npx tsx tests/support/at-hour.ts --with-postgres 13:30Z tests/modules/followup
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { nearestAt } from './clock-at.js';

const LIBRARIES = [
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1',
  '/usr/local/lib/faketime/libfaketimeMT.so.1',
];

const args = process.argv.slice(2);
const withPostgres = args[0] === '--with-postgres';
const [at, ...vitestArgs] = withPostgres ? args.slice(1) : args;
if (!at) {
  console.error(
    'usage: npx tsx tests/support/at-hour.ts [--with-postgres] HH:MMZ|HH:MM+08:00 [vitest arguments]',
  );
  process.exit(2);
}
const library = process.env.FAKETIME_LIBRARY ?? LIBRARIES.find((path) => existsSync(path));
if (!library) {
  console.error('libfaketime not found: apt-get install faketime, or set FAKETIME_LIBRARY');
  process.exit(2);
}
const target = nearestAt(at);
const offsetSeconds = Math.round((target.getTime() - Date.now()) / 1000);
console.error(`at-hour: vitest runs from ${target.toISOString()} (offset ${offsetSeconds} s)`);
const child = spawn('npx', ['vitest', 'run', ...vitestArgs], {
  stdio: 'inherit',
  env: {
    ...process.env,
    LD_PRELOAD: [process.env.LD_PRELOAD, library].filter(Boolean).join(' '),
    FAKETIME: `${offsetSeconds >= 0 ? '+' : ''}${offsetSeconds}`,
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
    ...(withPostgres ? { AT_HOUR_POSTGRES: '1' } : {}),
  },
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
