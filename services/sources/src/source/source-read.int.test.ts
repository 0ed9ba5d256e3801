import { startSubgraphForTest, SubgraphForTest } from '@newsgraph/kit/testing';
import { createSourcesDataSource } from '../data-source';
import { createSourcesSubgraph } from '../subgraph';
import { upsertSources } from './upsert-for-test';

const NOVINITE = { key: 'outlet:novinite', name: 'Novinite', country: 'BG' };
const EL_PAIS = { key: 'outlet:el-pais', name: 'El País', country: 'ES' };
const SER = { key: 'outlet:cadena-ser', name: 'Cadena SER', country: 'ES' };

// newest first: a and f share an instant (key breaks the tie), e and g have no date (last)
const SEED = [
  {
    key: 'src:a',
    url: 'https://www.novinite.com/a',
    title: 'Spain Denies US Claims',
    outlet: NOVINITE,
    publishedAt: '2026-03-05T09:01:00+02:00',
    language: 'en',
  },
  {
    key: 'src:b',
    url: 'https://elpais.com/b',
    title: 'Albares niega cambios en la política de bases',
    outlet: EL_PAIS,
    publishedAt: '2026-03-04T21:30:00-05:00',
    language: 'es',
  },
  { key: 'src:c', kind: 'BROADCAST', title: 'Entrevista a Albares', outlet: SER, publishedAt: '2026-03-04', language: 'es' },
  {
    key: 'src:d',
    url: 'https://www.novinite.com/d',
    title: 'Base use: what we know',
    outlet: NOVINITE,
    publishedAt: '2026-03-03T10:00:00Z',
    language: 'en-GB',
    derivedFrom: ['src:b'],
  },
  { key: 'src:e', kind: 'SOCIAL_POST', url: 'https://x.com/novinite/status/1', outlet: NOVINITE },
  { key: 'src:f', kind: 'PRESS_BRIEFING', title: 'Rueda de prensa', outlet: EL_PAIS, publishedAt: '2026-03-05T07:01:00Z', language: 'es' },
  { key: 'src:g', kind: 'OTHER', title: 'Undated report' },
];
const ORDER = ['src:a', 'src:f', 'src:b', 'src:c', 'src:d', 'src:e', 'src:g'];

const LIST = `query($outlet: String, $kind: SourceKind, $after: String, $before: String, $language: String, $search: String, $first: Int, $cursor: String) {
  sources(outlet: $outlet, kind: $kind, publishedAfter: $after, publishedBefore: $before, language: $language, search: $search, first: $first, after: $cursor) {
    totalCount edges { cursor node { key } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

describe('source and outlet queries', () => {
  let h: SubgraphForTest;
  const keys = async (variables: Record<string, unknown>) => {
    const res = await h.read(LIST, variables);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data.sources.edges.map((e: any) => e.node.key);
  };
  const errorOf = async (query: string, variables?: Record<string, unknown>) => {
    const res = await h.read(query, variables);
    expect(res.errors).toHaveLength(1);
    return res.errors![0];
  };

  beforeAll(async () => {
    h = await startSubgraphForTest({ label: 'sources_read', createDataSource: createSourcesDataSource, createServer: createSourcesSubgraph });
    await upsertSources(h, SEED);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('finds a source by key with its outlet, and refuses an unknown key', async () => {
    const res = await h.read(`{ source(key: "src:a") { id key kind url canonicalUrl title publishedAt language outlet { id key name country } } }`);
    expect(res.data.source).toEqual({
      id: 'Source:src:a',
      key: 'src:a',
      kind: 'ARTICLE',
      url: 'https://www.novinite.com/a',
      canonicalUrl: 'https://www.novinite.com/a',
      title: 'Spain Denies US Claims',
      publishedAt: '2026-03-05T09:01:00+02:00',
      language: 'en',
      outlet: { id: 'Outlet:outlet:novinite', key: 'outlet:novinite', name: 'Novinite', country: 'BG' },
    });
    const error = await errorOf(`{ source(key: "src:nope") { key } }`);
    expect(error.extensions?.code).toBe('NOT_FOUND');
  });

  it('finds a source by url, whatever tracking parameters the link carries', async () => {
    const res = await h.read(`query($u: String!) { sourceByUrl(url: $u) { key } }`, { u: 'https://WWW.novinite.com/a?utm_campaign=x#top' });
    expect(res.data.sourceByUrl).toEqual({ key: 'src:a' });
    expect((await errorOf(`{ sourceByUrl(url: "https://nowhere.example/") { key } }`)).extensions?.code).toBe('NOT_FOUND');
    expect((await errorOf(`{ sourceByUrl(url: "not a url") { key } }`)).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('looks up many keys in input order with nulls for unknown ones', async () => {
    const res = await h.read(`query($k: [String!]!) { sourcesByKeys(keys: $k) { key } }`, { k: ['src:c', 'src:nope', 'src:a', 'src:c'] });
    expect(res.data.sourcesByKeys).toEqual([{ key: 'src:c' }, null, { key: 'src:a' }, { key: 'src:c' }]);
    const tooMany = Array.from({ length: 501 }, (_, i) => `src:${i}`);
    const error = await errorOf(`query($k: [String!]!) { sourcesByKeys(keys: $k) { key } }`, { k: tooMany });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'keys' });
  });

  it('lists newest first, undated last, and pages through with cursors', async () => {
    expect(await keys({})).toEqual(ORDER);
    const seen: string[] = [];
    let cursor: string | null = null;
    const pages: boolean[] = [];
    do {
      const res: any = await h.read(LIST, { first: 2, cursor });
      const page = res.data.sources;
      expect(page.totalCount).toBe(7);
      expect(page.pageInfo.hasPreviousPage).toBe(cursor !== null);
      seen.push(...page.edges.map((e: any) => e.node.key));
      pages.push(page.pageInfo.hasNextPage);
      cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (cursor);
    expect(seen).toEqual(ORDER);
    expect(pages).toEqual([true, true, true, false]);
  });

  it('filters by outlet, kind, language and title', async () => {
    expect(await keys({ outlet: 'outlet:novinite' })).toEqual(['src:a', 'src:d', 'src:e']);
    expect(await keys({ kind: 'ARTICLE' })).toEqual(['src:a', 'src:b', 'src:d']);
    expect(await keys({ outlet: 'outlet:novinite', kind: 'ARTICLE', first: 1 })).toEqual(['src:a']);
    expect(await keys({ language: 'en' })).toEqual(['src:a', 'src:d']);
    expect(await keys({ language: 'EN-gb' })).toEqual(['src:d']);
    expect(await keys({ search: 'POLITICA' })).toEqual(['src:b']);
    expect(await keys({ search: 'albares' })).toEqual(['src:b', 'src:c']);
    expect(await keys({ search: '100%' })).toEqual([]);
  });

  it('filters by publication window, with dates or instants', async () => {
    expect(await keys({ after: '2026-03-05' })).toEqual(['src:a', 'src:f', 'src:b']);
    expect(await keys({ before: '2026-03-04' })).toEqual(['src:c', 'src:d']);
    expect(await keys({ after: '2026-03-04', before: '2026-03-04' })).toEqual(['src:c']);
    expect(await keys({ after: '2026-03' })).toEqual(['src:a', 'src:f', 'src:b', 'src:c', 'src:d']);
    expect(await keys({ after: '2026-03-05T09:00:00+02:00' })).toEqual(['src:a', 'src:f']);
    expect(await keys({ before: '2026-03-05T07:01:00Z' })).toEqual(['src:b', 'src:c', 'src:d']);
  });

  it('refuses malformed arguments and unknown outlets', async () => {
    const bad = async (variables: Record<string, unknown>) => (await errorOf(LIST, variables)).extensions;
    expect(await bad({ first: 101 })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    expect(await bad({ first: -1 })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    expect(await bad({ cursor: 'garbage' })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    const foreign = Buffer.from(JSON.stringify(['yesterday', 'src:a'])).toString('base64url');
    expect(await bad({ cursor: foreign })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    expect(await bad({ after: '2026-02-30' })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'publishedAfter' });
    expect(await bad({ before: 'last week' })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'publishedBefore' });
    expect(await bad({ language: 'english!' })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'language' });
    expect(await bad({ outlet: 'outlet:nope' })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('follows derivations both ways', async () => {
    const res = await h.read(`{
      d: source(key: "src:d") { derivedFrom { key title } derivatives { key } }
      b: source(key: "src:b") { derivedFrom { key } derivatives { key derivedFrom { key } } }
    }`);
    expect(res.data.d).toEqual({ derivedFrom: [{ key: 'src:b', title: 'Albares niega cambios en la política de bases' }], derivatives: [] });
    expect(res.data.b).toEqual({ derivedFrom: [], derivatives: [{ key: 'src:d', derivedFrom: [{ key: 'src:b' }] }] });
  });

  it('finds an outlet by key with its sources, and refuses an unknown key', async () => {
    const res = await h.read(`{
      outlet(key: "outlet:novinite") {
        id key name country
        all: sources { totalCount edges { node { key } } }
        page: sources(first: 1) { totalCount edges { node { key } } pageInfo { hasNextPage endCursor } }
        articles: sources(kind: ARTICLE, publishedBefore: "2026-03-04") { totalCount edges { node { key } } }
      }
    }`);
    const outlet = res.data.outlet;
    expect(outlet).toMatchObject({ id: 'Outlet:outlet:novinite', key: 'outlet:novinite', name: 'Novinite', country: 'BG' });
    expect(outlet.all.edges.map((e: any) => e.node.key)).toEqual(['src:a', 'src:d', 'src:e']);
    expect(outlet.page).toMatchObject({ totalCount: 3, edges: [{ node: { key: 'src:a' } }], pageInfo: { hasNextPage: true } });
    expect(outlet.articles).toEqual({ totalCount: 1, edges: [{ node: { key: 'src:d' } }] });

    const next = await h.read(
      `query($c: String) { outlet(key: "outlet:novinite") { sources(first: 5, after: $c) { edges { node { key } } pageInfo { hasNextPage } } } }`,
      {
        c: outlet.page.pageInfo.endCursor,
      },
    );
    expect(next.data.outlet.sources).toEqual({ edges: [{ node: { key: 'src:d' } }, { node: { key: 'src:e' } }], pageInfo: { hasNextPage: false } });

    expect((await errorOf(`{ outlet(key: "outlet:nope") { key } }`)).extensions?.code).toBe('NOT_FOUND');
    const badDate = await errorOf(`{ outlet(key: "outlet:novinite") { sources(publishedAfter: "soon") { totalCount } } }`);
    expect(badDate.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'publishedAfter' });
  });

  it('lists outlets by name, searching without case or accents', async () => {
    const names = async (args: string) =>
      (await h.read(`{ outlets${args} { totalCount edges { node { name } } } }`)).data.outlets.edges.map((e: any) => e.node.name);
    expect(await names('')).toEqual(['Cadena SER', 'El País', 'Novinite']);
    expect(await names('(search: "PAIS")')).toEqual(['El País']);
    expect(await names('(search: "país")')).toEqual(['El País']);
    expect(await names('(country: "es")')).toEqual(['Cadena SER', 'El País']);

    const first = await h.read(`{ outlets(first: 1) { totalCount edges { node { key } } pageInfo { hasNextPage endCursor } } }`);
    expect(first.data.outlets).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const rest = await h.read(`query($c: String) { outlets(after: $c) { edges { node { key } } pageInfo { hasNextPage hasPreviousPage } } }`, {
      c: first.data.outlets.pageInfo.endCursor,
    });
    expect(rest.data.outlets).toEqual({
      edges: [{ node: { key: 'outlet:el-pais' } }, { node: { key: 'outlet:novinite' } }],
      pageInfo: { hasNextPage: false, hasPreviousPage: true },
    });
    expect((await errorOf(`{ outlets(country: "Spain") { totalCount } }`)).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await errorOf(`{ outlets(after: "nope") { totalCount } }`)).extensions?.code).toBe('BAD_USER_INPUT');
  });
});
