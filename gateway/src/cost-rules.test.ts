import { LIST_BOUNDS } from '@newsgraph/news-package';
import { buildSchema, getNamedType, getNullableType, isCompositeType, isInputObjectType, isListType, Kind, parse, print, visit } from 'graphql';
import { FIXED_LIST_SIZES, NESTED_LIST_SIZES } from './cost-rules';
import { EXPORT_PAGE_SIZE, EXPORT_QUERY } from './export/statement-export';
import { DEFAULT_LIMITS, operationCost } from './limits';
import { PLAYGROUND_DOCUMENT } from './playground';
import { loadSupergraph } from './supergraph';

/** The cost of the issue-15 fields, priced by what the subgraphs really return. */
const schema = buildSchema(loadSupergraph(), { assumeValidSDL: true });
const cost = (query: string, variables?: Record<string, unknown>) => operationCost(schema, parse(query), undefined, variables);

describe('cost of the positions fields', () => {
  test('statementCounts: buckets from the filter’s period and interval, parts from the split', () => {
    // March 2026: 31 days; each bucket costs start + count + parts (1) + 3 stances x (stance + count)
    const march =
      '{ statementCounts(filter: { saidAfter: "2026-03", saidBefore: "2026-04" }, split: STANCE) { total buckets { start count parts { stance count } } } }';
    expect(cost(march)).toBe(1 + 1 + 1 + 31 * (3 + 3 * 2));
    // the same by variables, by week: 2026-02-23 .. 2026-03-30, six weeks
    const byVariables = 'query($f: StatementFilter) { statementCounts(filter: $f, interval: WEEK) { buckets { start } } }';
    expect(cost(byVariables, { f: { saidAfter: '2026-03-01', saidBefore: '2026-04-01' } })).toBe(1 + 1 + 6);
    // an open range is priced at the subgraph's cap of 1000 buckets
    expect(cost('{ statementCounts { buckets { start } } }')).toBe(1 + 1 + 1000);
    // ACTOR: the speakers asked for plus "others"
    expect(
      cost('{ statementCounts(filter: { saidAfter: "2026-03-04", saidBefore: "2026-03-06" }, split: ACTOR, actors: 4) { buckets { parts { count } } } }'),
    ).toBe(1 + 1 + 2 * (1 + 5));
  });

  test('a chart of a whole open archive split among 50 speakers goes over the limit; a bounded one does not', () => {
    const wide = '{ statementCounts(split: ACTOR, actors: 50) { buckets { start count parts { actor { key name } count } } } }';
    expect(cost(wide)).toBeGreaterThan(100_000);
    const year =
      '{ statementCounts(filter: { saidAfter: "2026" , saidBefore: "2027" }, split: ACTOR, actors: 50) { buckets { start count parts { actor { key name } count } } } }';
    expect(cost(year)).toBeLessThan(100_000);
  });

  test('positions and changes are connections priced by first; contested claims by first and 20 actors a side', () => {
    expect(cost('{ claim(key: "c") { positions(first: 50) { edges { node { stance statement { key } } } } } }')).toBe(1 + 1 + 1 + 50 * (1 + 1 + 2));
    expect(cost('{ actor(key: "a") { positionChanges { edges { node { from to } } } } }')).toBe(1 + 1 + 1 + 20 * (1 + 2));
    expect(cost('{ contestedClaims(first: 5) { affirmCount affirmedBy { key } deniedBy { key } } }')).toBe(1 + 5 * (1 + 2 * (1 + 20)));
  });
});

describe('every list of the public schema is priced by a real bound', () => {
  // lists of scalars cost 1 whatever their length (no selection to multiply); the answer is still
  // bounded: claimKeys by the stances, ownTopics and UpsertResult.keys by LIST_BOUNDS and the write limits
  test('a list of objects takes first, ids or keys, is a page (edges), or has a fixed or nested bound', () => {
    const unpriced: string[] = [];
    const nested = new Set(Object.values(NESTED_LIST_SIZES).flatMap((f) => Object.keys(f({}))));
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || type.name.startsWith('join__') || type.name.startsWith('link__') || !('getFields' in type) || isInputObjectType(type))
        continue;
      for (const field of Object.values(type.getFields())) {
        if (!isListType(getNullableType(field.type)) || !isCompositeType(getNamedType(field.type))) continue;
        const coordinate = `${type.name}.${field.name}`;
        const byArgs = field.args.some((a) => ['first', 'ids', 'keys'].includes(a.name));
        const page = field.name === 'edges' && type.name.endsWith('Connection');
        if (byArgs || page || FIXED_LIST_SIZES[coordinate] !== undefined || nested.has(coordinate)) continue;
        unpriced.push(coordinate);
      }
    }
    expect(unpriced).toEqual([]);
  });

  test('the write-bounded lists cost their bound; parts and derivatives their first (default 20)', () => {
    expect(cost('{ statement(key: "s") { attestations { source { key } } } }')).toBe(1 + 1 + LIST_BOUNDS.attestations * 2);
    expect(cost('{ actor(key: "a") { aliases { value } } }')).toBe(1 + 1 + LIST_BOUNDS.aliases);
    expect(cost('{ actor(key: "a") { parts { key } } }')).toBe(1 + 1 + 20);
    expect(cost('{ actor(key: "a") { parts(first: 100) { key } } }')).toBe(1 + 1 + 100);
    expect(cost('{ source(key: "s") { derivatives(first: 3) { key } } }')).toBe(1 + 1 + 3);
  });

  test('an attribution costs its 32 steps at most, the webhooks their cap of 50', () => {
    expect(cost('{ statement(key: "s") { attribution(to: "a") { steps { actor { key } } } } }')).toBe(1 + 1 + 1 + 32 * 2);
    expect(cost('{ webhooks { id url } }')).toBe(1 + 50 * 2);
  });
});

test('with the lists at their real bounds, the headline query and a bulk-export page stay under the limit', () => {
  const headline = operationCost(schema, parse(PLAYGROUND_DOCUMENT), 'SpainOnBaseUse', {});
  const exportPage = cost(EXPORT_QUERY, { first: EXPORT_PAGE_SIZE });
  expect(headline).toBeLessThan(DEFAULT_LIMITS.maxCost);
  expect(exportPage).toBeLessThan(DEFAULT_LIMITS.maxCost);
  // priced by its page (the export's statements at their lists' bounds), not by an assumed 10
  expect(exportPage).toBeGreaterThan(EXPORT_PAGE_SIZE * 200);
  // as Apollo Client sends it, `__typename` in every selection: the same price
  const typed = print(
    visit(parse(PLAYGROUND_DOCUMENT), {
      SelectionSet: (node) => ({ ...node, selections: [...node.selections, { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] }),
    }),
  );
  expect(operationCost(schema, parse(typed), 'SpainOnBaseUse', {})).toBe(headline);
  // attestations now count 20 each, not 10: the headline is dearer than it was (~32,000)
  expect(headline).toBeGreaterThan(50_000);
});
