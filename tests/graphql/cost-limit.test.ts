import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { costLimit } from '../../src/graphql/cost-limit.js';
import { KIOSK_QUERIES } from '../../src/kiosk/persisted-queries.js';

const root = new URL('../../', import.meta.url).pathname;
const schema = buildSchema(readFileSync(join(root, 'schema.graphql'), 'utf8'));
const DEFAULT_MAX_COST = loadConfig({ NODE_ENV: 'test' }).graphql.maxCost;

/** The messages of the errors the cost rule (and graphql's own rules) find in a document. */
const refusals = (document: string, maxCost = DEFAULT_MAX_COST) =>
  validate(schema, parse(document), [...specifiedRules, costLimit({ maxCost })]).map((e) => e.message);

const parses = (text: string) => {
  try {
    return parse(text).definitions.length > 0;
  } catch {
    return false; // a JSON or template string that only looks like a query
  }
};

/** Every GraphQL document written as a string in a file of the clients that never run in `npm test`. */
function documentsIn(folder: string): { where: string; document: string }[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(js|ts)$/.test(name) && !name.endsWith('.d.ts'))
    .flatMap((name) => {
      const path = join(root, folder, name);
      const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
      const found: { where: string; document: string }[] = [];
      const visit = (node: ts.Node) => {
        if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
          if (/^\s*(query|mutation)\b|^\s*\{\s*\w/.test(node.text) && parses(node.text)) {
            const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
            found.push({ where: `${folder}/${name}:${line}`, document: node.text });
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      return found;
    });
}

describe('the query cost limit (GRAPHQL_MAX_COST)', () => {
  it('lets through every query of the kiosk page, the dashboard and the benchmarks at its default', () => {
    const documents = [
      ...Object.entries(KIOSK_QUERIES).map(([name, { document }]) => ({ where: name, document })),
      ...documentsIn('public'),
      ...documentsIn('bench'),
    ];
    const places = documents.map((d) => d.where);
    expect(places).toContainEqual(expect.stringMatching(/^public\/dashboard\/dashboard\.js:/));
    expect(places).toContainEqual(expect.stringMatching(/^bench\/scenarios\.ts:/));
    const refused = documents.flatMap(({ where, document }) =>
      refusals(document).map((message) => `${where}: ${message}`),
    );
    expect(refused).toEqual([]);
  });

  it('refuses pages of 100 asked for under many aliases, naming the limit and the cost', () => {
    const page = (alias: string) =>
      `${alias}: gigs(first: 100) { edges { node { id title description address } } }`;
    const twelve = `{ ${['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'].map(page).join(' ')} }`;
    const [message] = refusals(twelve);
    expect(message).toMatch(
      /^Query Cost limit of 20000 exceeded, found 27600\. Ask for fewer items per page/,
    );
    expect(refusals(`{ ${page('a')} }`)).toEqual([]);
  });

  it('costs a page size given by a variable as the largest page, so a variable is no way around it', () => {
    const byVariable = 'query ($n: Int) { gigs(first: $n) { edges { node { id title } } } }';
    const written = '{ gigs(first: 100) { edges { node { id title } } } }';
    expect(refusals(byVariable, 1000)).toEqual(refusals(written, 1000));
    expect(refusals(byVariable, 1000)[0]).toContain('found 1625');
    // Also inside a fragment the rule reads through the context.
    const inFragment =
      'query ($n: Int) { ...F } fragment F on Query { gigs(first: $n) { edges { node { id title } } } }';
    expect(refusals(inFragment, 1000)[0]).toMatch(/Cost limit of 1000 exceeded/);
  });

  it('lets the introspection query GraphiQL sends through, whatever the limit', () => {
    expect(refusals(getIntrospectionQuery(), 100)).toEqual([]);
  });
});
