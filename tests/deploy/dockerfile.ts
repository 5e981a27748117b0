import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Just enough of a Dockerfile reader for the production smoke test to lay out a folder exactly as
 * the image's last stage does, so that the Dockerfile stays the one list of what an image holds.
 * Anything it does not understand is an error naming the line, never silently skipped: a skipped
 * COPY would make the smoke test pass on a layout the image does not have.
 */

export type Step =
  | { kind: 'copy'; line: number; from?: string; sources: string[]; destination: string }
  | { kind: 'run'; line: number; command: string }
  | { kind: 'env'; line: number; values: Record<string, string> }
  | { kind: 'workdir'; line: number; path: string };

export type Stage = { name?: string; line: number; steps: Step[]; cmd?: string[] };

/** Instructions that change nothing on disk or in the environment of the started process. */
const INERT = new Set(['USER', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'STOPSIGNAL', 'ARG']);

export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.split('\n');
  let index = 0;
  while (index < lines.length) {
    const line = index + 1;
    let instruction = '';
    // Docker drops comment lines even inside a continued instruction.
    while (index < lines.length) {
      const raw = lines[index++] ?? '';
      if (/^\s*#/.test(raw)) continue;
      if (raw.trimEnd().endsWith('\\')) {
        instruction += `${raw.trimEnd().slice(0, -1)} `;
        continue;
      }
      instruction += raw;
      break;
    }
    const trimmed = instruction.trim();
    if (trimmed === '') continue;
    const [keyword = '', ...rest] = trimmed.split(/\s+/);
    const word = keyword.toUpperCase();
    const args = trimmed.slice(keyword.length).trim();
    const fail = (why: string): never => {
      throw new Error(`Dockerfile line ${line}: ${why}: ${trimmed}`);
    };
    if (word === 'FROM') {
      stages.push({ name: /\bAS\s+(\S+)$/i.exec(args)?.[1], line, steps: [] });
      continue;
    }
    const stage = stages.at(-1) ?? fail('an instruction before the first FROM');
    if (word === 'COPY') {
      const options = rest.filter((token) => token.startsWith('--'));
      const paths = rest.filter((token) => !token.startsWith('--'));
      if (paths[0]?.startsWith('[')) fail('the JSON form of COPY is not read here; use the plain form');
      const unknown = options.filter((option) => !/^--(from|chown|chmod)=/.test(option));
      if (unknown.length > 0) fail(`COPY option ${unknown.join(' ')} is not read here`);
      if (paths.length < 2) fail('COPY needs a source and a destination');
      const from = options.find((option) => option.startsWith('--from='))?.slice('--from='.length);
      stage.steps.push({
        kind: 'copy',
        line,
        from,
        sources: paths.slice(0, -1),
        destination: paths.at(-1) ?? '',
      });
    } else if (word === 'RUN') {
      // Build-time options (--mount=type=cache, …) change where npm keeps its cache, not the result.
      const command = args.replace(/^(--\S+\s+)+/, '');
      if (command.startsWith('[')) fail('the JSON form of RUN is not read here; use the shell form');
      stage.steps.push({ kind: 'run', line, command });
    } else if (word === 'ENV') {
      const values: Record<string, string> = {};
      for (const pair of rest) {
        const match =
          /^([A-Za-z_][A-Za-z0-9_]*)=(\S*)$/.exec(pair) ?? fail('ENV is read as KEY=value pairs only');
        values[match[1] as string] = match[2] as string;
      }
      stage.steps.push({ kind: 'env', line, values });
    } else if (word === 'WORKDIR') {
      stage.steps.push({ kind: 'workdir', line, path: args });
    } else if (word === 'CMD') {
      try {
        stage.cmd = JSON.parse(args) as string[];
      } catch {
        fail('CMD is read in its JSON form only');
      }
    } else if (!INERT.has(word)) {
      fail(
        `${word} is not read here (ADD, ENTRYPOINT, …): teach tests/deploy/dockerfile.ts, or use COPY and CMD`,
      );
    }
  }
  if (stages.length === 0) throw new Error('Dockerfile: no FROM line');
  return stages;
}

/** The files one COPY source names in the build context: a path, or a `*` in its last segment. */
export function expandSource(context: string, source: string): string[] {
  const name = basename(source);
  if (!name.includes('*')) return existsSync(join(context, source)) ? [source] : [];
  const folder = dirname(source);
  if (folder.includes('*')) throw new Error(`COPY ${source}: a * is read in the last segment only`);
  const pattern = new RegExp(`^${name.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
  const entries = existsSync(join(context, folder)) ? readdirSync(join(context, folder)) : [];
  return entries.filter((entry) => pattern.test(entry)).map((entry) => join(folder, entry));
}

/** The .dockerignore entries (plain paths; Docker's patterns beyond that are not read here). */
export function dockerIgnored(context: string): (path: string) => boolean {
  const file = join(context, '.dockerignore');
  const patterns = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .map((entry) =>
          entry
            .trim()
            .replace(/^\.?\//, '')
            .replace(/\/$/, ''),
        )
        .filter((entry) => entry !== '' && !entry.startsWith('#'))
    : [];
  return (path) => {
    const clean = path.replace(/^\.?\//, '');
    return patterns.some((pattern) => clean === pattern || clean.startsWith(`${pattern}/`));
  };
}

export const isFolder = (path: string) => statSync(path).isDirectory();
