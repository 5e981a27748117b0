import { type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK_QUERIES } from '../../../src/kiosk/persisted-queries.js';
import { asksOnlyForCards, CARD_GIG_FIELDS } from '../../../src/modules/gigs/gig-cards.js';
import { createGigsRepository } from '../../../src/modules/gigs/gigs.repository.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { gigInput, verifiedEmployer } from '../../support/gigs.js';

/** The resolve info of the document's first root field, as the `gigs` resolver gets it. */
function infoOf(document: string) {
  const parsed = parse(document);
  const operation = parsed.definitions.find(
    (d) => d.kind === 'OperationDefinition',
  ) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    parsed.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition')
      .map((d) => [d.name.value, d]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}
const cards = (document: string) => asksOnlyForCards(infoOf(document));

const CARD_NODE = `id title status headcount filled startsAt endsAt address payFen payUnit hourlyFen
  olderFriendly publicWelfare instant region { code name } skills { code name } employer { id name }`;

describe('which gig pages are read as cards', () => {
  it('a list of cards: the fields a search list or the kiosk board shows', () => {
    expect(
      cards(`{ gigs(first: 20) { edges { cursor distanceKm node { ${CARD_NODE} } } totalCount } }`),
    ).toBe(true);
    expect(cards('{ gigs { totalCount facets { skills { label count } } } }')).toBe(true);
    // The kiosk board's own selection (its connection has the same shape).
    expect(cards(KIOSK_QUERIES.KioskBoard.document)).toBe(true);
    // Fragments are looked into.
    expect(cards('{ gigs { edges { node { ...card } } } } fragment card on Gig { id title }')).toBe(true);
    expect(cards('{ gigs { edges { node { ... on Gig { id payFen } } } } }')).toBe(true);
  });

  it('whole rows for any other field, an employer field past its name, or a directive', () => {
    expect(cards('{ gigs { edges { node { id description } } } }')).toBe(false);
    expect(cards('{ gigs { edges { node { id location { lat lng } } } } }')).toBe(false);
    expect(cards('{ gigs { edges { node { id employer { name kind } } } } }')).toBe(false);
    expect(cards('{ gigs { edges { node { id ...more } } } } fragment more on Gig { createdAt }')).toBe(
      false,
    );
    expect(cards('{ gigs { edges { node { ... on Gig { employerHasArrears } } } } }')).toBe(false);
    expect(cards('query ($d: Boolean!) { gigs { edges { node { id title @include(if: $d) } } } }')).toBe(
      false,
    );
    expect(cards('{ gigs { edges { node { id } } } } fragment unused on Gig { id }')).toBe(true);
  });
});

describe('a page read as cards', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { OFFER_SWEEP_MS: '60000', STATS_FOLD_MS: '3600000' } });
    for (let i = 0; i < 3; i++) {
      const employer = await verifiedEmployer(t);
      for (let k = 0; k < 4; k++) {
        const input = gigInput({
          title: `卡片${i}-${k}`,
          skills: k % 2 ? ['welder', 'electrician'] : ['cleaner'],
        });
        await t.app.services.gigs.post(employer.id, {
          ...input,
          startsAt: new Date(input.startsAt),
          endsAt: new Date(input.endsAt),
        });
      }
    }
    await t.app.outbox.drain();
  });
  afterAll(() => t?.close());

  async function page(node: string) {
    const statements: string[] = [];
    const stop = t.app.observeQueries((query) => statements.push(query));
    try {
      const { data, errors } = await t.gql<{ gigs: { edges: { node: Record<string, unknown> }[] } }>(
        `{ gigs(first: 50) { edges { node { ${node} } } } }`,
      );
      expect(errors).toBeUndefined();
      return { nodes: data?.gigs.edges.map((e) => e.node) ?? [], statements };
    } finally {
      stop();
    }
  }

  it('answers every card field as the whole row does, and reads only its columns', async () => {
    const card = await page(CARD_NODE);
    const whole = await page(`${CARD_NODE} description`);
    expect(card.nodes).toHaveLength(12);
    expect(card.nodes).toEqual(whole.nodes.map(({ description: _, ...rest }) => rest));
    // Every field of the card set was compared (less the type name).
    const asked = new Set(Object.keys(card.nodes[0] ?? {}));
    expect([...CARD_GIG_FIELDS].filter((f) => f !== '__typename' && !asked.has(f))).toEqual([]);

    const read = (statements: string[]) => statements.find((s) => s.includes('"gig_skills"')) ?? '';
    expect(read(card.statements)).not.toContain('"description"');
    expect(read(card.statements)).not.toContain('"credit_code"');
    expect(read(whole.statements)).toContain('"description"');
  });

  it('pages read in one turn share one query, each getting its own gigs in the order it asked', async () => {
    const gigs = createGigsRepository(t.app.db);
    const all = (await gigs.cardsByIds(await openIds())).map((card) => card.id);
    expect(all).toHaveLength(12);
    const [a, b, c] = [all.slice(0, 5).reverse(), all.slice(3, 9), [all[11] ?? '', crypto.randomUUID()]];
    for (const read of [gigs.cardsByIds, gigs.pageByIds]) {
      const statements: string[] = [];
      const stop = t.app.observeQueries((query) => statements.push(query));
      try {
        const pages = await Promise.all([read(a), read(b), read(c)]);
        expect(pages.map((page) => page.map((gig) => gig.id))).toEqual([a, b, [all[11]]]);
        expect(pages[0]?.[0]?.preloaded?.employer.name).toBeTruthy();
      } finally {
        stop();
      }
      expect(statements.filter((s) => s.includes('"gig_skills"'))).toHaveLength(1);
    }
  });

  const openIds = async () => {
    const { data } = await t.gql<{ gigs: { edges: { node: { id: string } }[] } }>(
      '{ gigs(first: 50) { edges { node { id } } } }',
    );
    return data?.gigs.edges.map((e) => e.node.id) ?? [];
  };
});
