import { readFileSync } from 'node:fs';
import { buildSchema, type DocumentNode, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';

const schema = buildSchema(readFileSync('schema.graphql', 'utf8'));
const readme = readFileSync('README.md', 'utf8');
const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

/** Every operation a reader pastes from the README's walk-through is one the schema accepts. */
describe('the README operations', () => {
  it('has GraphQL blocks to check', () => {
    expect(blocks.length).toBeGreaterThan(5);
  });

  it.each(blocks.map((block, i) => [i + 1, block] as const))('block %i parses and validates', (_i, block) => {
    const document = parse(block);
    const problems = document.definitions.flatMap((definition) =>
      validate(schema, { kind: 'Document', definitions: [definition] } as DocumentNode).map((e) => e.message),
    );
    expect(problems).toEqual([]);
  });
});
