import { spawn } from 'node:child_process';
import { cp, mkdir } from 'node:fs/promises';
import { basename, join, posix } from 'node:path';
import { dockerIgnored, expandSource, isFolder, type Stage } from './dockerfile.js';

/**
 * Lays out `target` as the final stage's file system below its WORKDIR: its COPY lines from the
 * build context (honouring .dockerignore) or from an earlier stage, its RUN lines run there in
 * order with its ENV. An earlier stage is read as "the context after its RUN lines", which holds
 * when it copies the whole context and builds in place (checked), and the caller built it so.
 * Returns the ENV and CMD the image would start with.
 */
export async function layOutFinalStage(
  stages: Stage[],
  options: { context: string; target: string; runEnv?: NodeJS.ProcessEnv },
): Promise<{ env: Record<string, string>; cmd: string[]; workdir: string }> {
  const final = stages.at(-1) as Stage;
  const ignored = dockerIgnored(options.context);
  const env: Record<string, string> = {};
  let workdir: string | undefined;

  for (const step of final.steps) {
    const where = `Dockerfile line ${step.line}`;
    if (step.kind === 'workdir') {
      if (workdir !== undefined) throw new Error(`${where}: one WORKDIR in the last stage is read here`);
      workdir = step.path;
    } else if (step.kind === 'env') {
      Object.assign(env, step.values);
    } else if (step.kind === 'run') {
      await run(step.command, options.target, { ...options.runEnv, ...env }, where);
    } else {
      const sources = step.from ? fromStage(stages, step.from, step.sources, where) : step.sources;
      const files = sources.flatMap((source) => {
        if (!step.from && ignored(source)) {
          throw new Error(`${where}: ${source} is excluded by .dockerignore, so the image would not have it`);
        }
        const found = expandSource(options.context, source);
        if (found.length === 0) throw new Error(`${where}: nothing matches ${source} in ${options.context}`);
        return found;
      });
      const destination = join(options.target, posix.normalize(step.destination));
      const intoFolder =
        step.destination.endsWith('/') || files.length > 1 || step.sources.some((s) => s.includes('*'));
      for (const file of files) {
        const source = join(options.context, file);
        // A folder's contents go into the destination, as Docker copies them.
        const to = isFolder(source) || !intoFolder ? destination : join(destination, basename(file));
        await mkdir(intoFolder || isFolder(source) ? destination : join(destination, '..'), {
          recursive: true,
        });
        await cp(source, to, { recursive: true });
      }
    }
  }
  if (!final.cmd) throw new Error('Dockerfile: the last stage has no CMD');
  if (workdir === undefined) throw new Error('Dockerfile: the last stage has no WORKDIR');
  return { env, cmd: final.cmd, workdir };
}

/** Maps `COPY --from=<stage> <its WORKDIR>/x` to `x` in the context, which that stage built in place. */
function fromStage(stages: Stage[], name: string, sources: string[], where: string): string[] {
  const stage = stages.find((s) => s.name === name);
  if (!stage) throw new Error(`${where}: no stage named ${name}`);
  const workdir = stage.steps.find((s) => s.kind === 'workdir')?.path;
  const copiesAll = stage.steps.some((s) => s.kind === 'copy' && !s.from && s.sources.join(' ') === '.');
  if (!workdir || !copiesAll) {
    throw new Error(
      `${where}: stage ${name} must set a WORKDIR and COPY . . to be read as the built context`,
    );
  }
  return sources.map((source) => {
    if (!source.startsWith(`${workdir}/`))
      throw new Error(`${where}: ${source} is outside ${name}'s ${workdir}`);
    return source.slice(workdir.length + 1);
  });
}

function run(command: string, cwd: string, env: NodeJS.ProcessEnv, where: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd, env });
    const output: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${where}: RUN ${command} exited with ${code}:\n${output.join('').slice(-4000)}`)),
    );
  });
}
