import { deriveSourceKey } from '@newsgraph/news-package';
import { startSubgraphForTest, SubgraphForTest } from '@newsgraph/kit/testing';
import { createSourcesDataSource } from '../data-source';
import { createSourcesSubgraph } from '../subgraph';
import { UPSERT, upsertSources } from './upsert-for-test';

const novinite = { key: 'outlet:novinite', name: 'Novinite', country: 'BG' };
const spainDenies = {
  key: 'src:novinite-2026-03-05-spain-denies',
  kind: 'ARTICLE',
  url: 'https://www.novinite.com/articles/spain-denies',
  title: 'Spain Denies US Claims of Military Cooperation Against Iran',
  outlet: novinite,
  publishedAt: '2026-03-05T09:01:00+02:00',
  language: 'en',
};
const serInterview = {
  key: 'src:cadena-ser-albares-2026-03-04',
  kind: 'BROADCAST',
  title: 'Entrevista a José Manuel Albares',
  outlet: { key: 'outlet:cadena-ser', name: 'Cadena SER', country: 'es' },
  publishedAt: '2026-03-04',
  language: 'es',
};

async function countRows(h: SubgraphForTest): Promise<Record<string, number>> {
  const [row] = await h.dataSource.query(`SELECT
    (SELECT count(*)::int FROM source) AS sources,
    (SELECT count(*)::int FROM outlet) AS outlets,
    (SELECT count(*)::int FROM source_derivation) AS derivations`);
  return row;
}

async function updatedAt(h: SubgraphForTest, key: string): Promise<string> {
  const [row] = await h.dataSource.query('SELECT updated_at::text AS t FROM source WHERE key = $1', [key]);
  return row.t;
}

describe('upsertSources', () => {
  let h: SubgraphForTest;
  beforeAll(async () => {
    h = await startSubgraphForTest({ label: 'sources_write', createDataSource: createSourcesDataSource, createServer: createSourcesSubgraph });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses to write without a valid token and writes nothing', async () => {
    const anonymous = await h.read(UPSERT, { s: [spainDenies] });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data).toBeUndefined();
    const wrong = await fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-the-token' },
      body: JSON.stringify({ query: UPSERT, variables: { s: [spainDenies] } }),
    }).then((r) => r.json() as Promise<any>);
    expect(wrong.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await countRows(h)).toEqual({ sources: 0, outlets: 0, derivations: 0 });
  });

  it('creates, then reports an identical re-send as unchanged without touching rows', async () => {
    expect(await upsertSources(h, [spainDenies, serInterview])).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      keys: [spainDenies.key, serInterview.key],
    });
    const before = await updatedAt(h, spainDenies.key);
    const [outletBefore] = await h.dataSource.query(`SELECT updated_at::text AS t, country FROM outlet WHERE key = 'outlet:cadena-ser'`);
    expect(outletBefore.country).toBe('ES');

    expect(await upsertSources(h, [spainDenies, serInterview])).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
      keys: [spainDenies.key, serInterview.key],
    });
    expect(await updatedAt(h, spainDenies.key)).toBe(before);
    const [outletAfter] = await h.dataSource.query(`SELECT updated_at::text AS t FROM outlet WHERE key = 'outlet:cadena-ser'`);
    expect(outletAfter.t).toBe(outletBefore.t);

    const [row] = await h.dataSource.query('SELECT published_at, published_text, canonical_url FROM source WHERE key = $1', [spainDenies.key]);
    expect(row.published_at.toISOString()).toBe('2026-03-05T07:01:00.000Z');
    expect(row.published_text).toBe('2026-03-05T09:01:00+02:00');
    expect(row.canonical_url).toBe('https://www.novinite.com/articles/spain-denies');
  });

  it('updates a changed source and leaves the others alone', async () => {
    const serBefore = await updatedAt(h, serInterview.key);
    const retitled = { ...spainDenies, title: 'Spain denies US claims' };
    expect(await upsertSources(h, [retitled, serInterview])).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(await updatedAt(h, serInterview.key)).toBe(serBefore);
    const res = await h.read(`{ source(key: "${spainDenies.key}") { title } }`);
    expect(res.data.source.title).toBe('Spain denies US claims');
    await upsertSources(h, [spainDenies]);
  });

  it('refers to an existing outlet by key alone, and updates an outlet given with a new name', async () => {
    const byKey = { key: 'src:novinite-follow-up', url: 'https://www.novinite.com/articles/follow-up', outlet: { key: 'outlet:novinite' } };
    expect(await upsertSources(h, [byKey])).toMatchObject({ created: 1 });
    let outlet = await h.read(`{ outlet(key: "outlet:novinite") { name country } }`);
    expect(outlet.data.outlet).toEqual({ name: 'Novinite', country: 'BG' });

    await upsertSources(h, [{ ...byKey, outlet: { key: 'outlet:novinite', name: 'Novinite.com', country: 'BG' } }]);
    outlet = await h.read(`{ outlet(key: "outlet:novinite") { name country } }`);
    expect(outlet.data.outlet).toEqual({ name: 'Novinite.com', country: 'BG' });
    await upsertSources(h, [spainDenies]);
  });

  it('derives the key from the canonical url when none is given', async () => {
    const url = 'https://Example.COM/news/story?b=2&utm_source=twitter&a=1#comments';
    const first = await upsertSources(h, [{ url, title: 'A story' }]);
    const key = deriveSourceKey('https://example.com/news/story?a=1&b=2');
    expect(first).toEqual({ created: 1, updated: 0, unchanged: 0, keys: [key] });
    // the same article reached through another tracking link is the same source
    const again = await upsertSources(h, [{ url: 'https://example.com/news/story?a=1&b=2&fbclid=xyz', title: 'A story' }]);
    expect(again.keys).toEqual([key]);
    expect(again.created).toBe(0);
    const res = await h.read(`{ source(key: "${key}") { key canonicalUrl kind } }`);
    expect(res.data.source).toEqual({ key, canonicalUrl: 'https://example.com/news/story?a=1&b=2', kind: 'ARTICLE' });
  });

  it('links derivations in any input order; absent keeps them, a new list replaces them', async () => {
    const wire = { key: 'src:efe-wire', kind: 'OTHER', title: 'EFE wire' };
    const copy = { key: 'src:copy', url: 'https://copy.example/a', derivedFrom: ['src:efe-wire', spainDenies.key] };
    expect(await upsertSources(h, [copy, wire])).toMatchObject({ created: 2, keys: ['src:copy', 'src:efe-wire'] });
    const list = async () => (await h.read(`{ source(key: "src:copy") { derivedFrom { key } } }`)).data.source.derivedFrom;
    expect(await list()).toEqual([{ key: 'src:efe-wire' }, { key: spainDenies.key }]);

    const { derivedFrom, ...withoutList } = copy;
    expect(await upsertSources(h, [withoutList])).toMatchObject({ unchanged: 1 });
    expect(await list()).toEqual([{ key: 'src:efe-wire' }, { key: spainDenies.key }]);

    expect(await upsertSources(h, [copy])).toMatchObject({ unchanged: 1 });
    const before = await updatedAt(h, 'src:copy');
    // only the list changes: still an update, and updated_at moves
    expect(await upsertSources(h, [{ ...copy, derivedFrom: [spainDenies.key] }])).toMatchObject({ updated: 1, unchanged: 0 });
    expect(await list()).toEqual([{ key: spainDenies.key }]);
    expect(await updatedAt(h, 'src:copy')).not.toBe(before);

    expect(await upsertSources(h, [{ ...copy, derivedFrom: [] }])).toMatchObject({ updated: 1 });
    expect(await list()).toEqual([]);
  });

  it('lists every problem of a bad input with its path and writes nothing', async () => {
    const before = await countRows(h);
    const derivedKey = deriveSourceKey('https://dup.example/x');
    const res = await h.write(UPSERT, {
      s: [
        { key: 'Bad Key', url: 'https://ok.example/1' },
        { kind: 'ARTICLE', title: 'no key, no url' },
        { key: 'src:no-url', kind: 'SOCIAL_POST' },
        { key: 'src:bad-url', url: 'ftp://files.example/x' },
        { key: 'src:bad-date', url: 'https://ok.example/2', publishedAt: '2026-02-30' },
        { key: 'src:bad-lang', url: 'https://ok.example/3', language: 'English' },
        { key: 'src:bad-outlet', url: 'https://ok.example/4', outlet: { key: 'outlet:unknown' } },
        { key: 'src:bad-outlet-key', url: 'https://ok.example/5', outlet: { key: 'novinite', name: 'Novinite' } },
        { key: 'src:bad-refs', url: 'https://ok.example/6', derivedFrom: ['src:nowhere', 'src:bad-refs', 'src:copy', 'src:copy'] },
        { key: 'src:twice', url: 'https://ok.example/7' },
        { key: 'src:twice', url: 'https://ok.example/8' },
        { key: derivedKey, url: 'https://ok.example/9' },
        { url: 'https://dup.example/x?utm_medium=email' },
        { key: 'src:bad-country', url: 'https://ok.example/10', outlet: { key: 'outlet:x', name: 'X', country: 'Spain' } },
      ],
    });
    expect(res.errors).toHaveLength(1);
    const error = res.errors![0];
    expect(error.extensions?.code).toBe('INVALID_PACKAGE');
    const paths = (error.extensions?.problems as Array<{ path: string; message: string }>).map((p) => p.path);
    expect(paths).toEqual([
      '/sources/0/key',
      '/sources/1/url',
      '/sources/2/url',
      '/sources/3/url',
      '/sources/4/publishedAt',
      '/sources/5/language',
      '/sources/6/outlet',
      '/sources/7/outlet/key',
      '/sources/8/derivedFrom/0',
      '/sources/8/derivedFrom/1',
      '/sources/8/derivedFrom/3',
      '/sources/10/key',
      '/sources/12/url',
      '/sources/13/outlet/country',
    ]);
    expect(await countRows(h)).toEqual(before);
  });
});
