import { readdirSync, readFileSync } from 'node:fs';
import { buildSchema, type DocumentNode, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';

const schema = buildSchema(readFileSync('schema.graphql', 'utf8'));
const blocksOf = (path: string) =>
  [...readFileSync(path, 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
const readme = blocksOf('README.md');
const docs = readdirSync('docs')
  .filter((name) => name.endsWith('.md'))
  .flatMap((name) => blocksOf(`docs/${name}`).map((block, i) => [`docs/${name}`, i + 1, block] as const));

/** Every operation of the block is one the schema accepts (each on its own: they are pasted one at a time). */
function problemsOf(block: string): string[] {
  const document = parse(block);
  return document.definitions.flatMap((definition) =>
    validate(schema, { kind: 'Document', definitions: [definition] } as DocumentNode).map((e) => e.message),
  );
}

/** Every operation a reader pastes from the README's walk-through, or from a write-up in docs/, is one the schema accepts. */
describe('the README operations', () => {
  it('has GraphQL blocks to check', () => {
    expect(readme.length).toBeGreaterThan(5);
    expect(docs.length).toBeGreaterThan(0);
  });

  it.each(readme.map((block, i) => [i + 1, block] as const))('block %i parses and validates', (_i, block) => {
    expect(problemsOf(block)).toEqual([]);
  });

  it.each(docs)('%s block %i parses and validates', (_file, _i, block) => {
    expect(problemsOf(block)).toEqual([]);
  });
});
