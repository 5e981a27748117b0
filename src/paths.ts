import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder, the same whether running from src/ (tsx) or dist/src/ (built). */
function findRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.endsWith(`${'dist'}/src`) ? resolve(here, '../..') : resolve(here, '..');
}

export const projectRoot = findRoot();
export const projectPath = (...parts: string[]) => resolve(projectRoot, ...parts);
