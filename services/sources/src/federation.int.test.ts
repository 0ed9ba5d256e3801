import { startSubgraphForTest, SubgraphForTest } from '@newsgraph/kit/testing';
import { createSourcesDataSource } from './data-source';
import { createSourcesSubgraph } from './subgraph';
import { upsertSources } from './source/upsert-for-test';

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Source { key title outlet { name } }
  ... on Outlet { key name country }
} }`;

const BATCH = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Source { key outlet { name } derivedFrom { key } }
} }`;

describe('federation', () => {
  let h: SubgraphForTest;
  beforeAll(async () => {
    h = await startSubgraphForTest({ label: 'sources_federation', createDataSource: createSourcesDataSource, createServer: createSourcesSubgraph });
    const outlets = Array.from({ length: 5 }, (_, i) => ({ key: `outlet:o${i}`, name: `Outlet ${i}` }));
    const sources = Array.from({ length: 40 }, (_, i) => ({
      key: `src:s${i}`,
      url: `https://news.example/${i}`,
      title: `Story ${i}`,
      outlet: outlets[i % 5],
      publishedAt: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`,
      // every source after the first cites its predecessor, so derivedFrom is never empty
      derivedFrom: i > 0 ? [`src:s${i - 1}`] : [],
    }));
    await upsertSources(h, sources);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('publishes a Federation 2 schema keyed by key', async () => {
    const res = await h.read(`{ _service { sdl } }`);
    const sdl: string = res.data._service.sdl;
    expect(sdl).toMatch(/type Source implements Node\s+@key\(fields: "key"\)/);
    expect(sdl).toMatch(/type Outlet implements Node\s+@key\(fields: "key"\)/);
    expect(sdl).toContain('specs.apollo.dev/federation/v2');
  });

  it('resolves Source and Outlet representations, null for an unknown key', async () => {
    const res = await h.read(ENTITIES, {
      r: [
        { __typename: 'Source', key: 'src:s3' },
        { __typename: 'Outlet', key: 'outlet:o1' },
        { __typename: 'Source', key: 'src:unknown' },
        { __typename: 'Outlet', key: 'outlet:unknown' },
      ],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data._entities).toEqual([
      { key: 'src:s3', title: 'Story 3', outlet: { name: 'Outlet 3' } },
      { key: 'outlet:o1', name: 'Outlet 1', country: null },
      null,
      null,
    ]);
  });

  it('answers 20 or 40 references with the same few SQL queries', async () => {
    const cost = async (n: number) => {
      const r = Array.from({ length: n }, (_, i) => ({ __typename: 'Source', key: `src:s${39 - i}` }));
      h.counter.reset();
      const res = await h.read(BATCH, { r });
      expect(res.errors).toBeUndefined();
      expect(res.data._entities).toHaveLength(n);
      expect(res.data._entities[0]).toEqual({ key: 'src:s39', outlet: { name: 'Outlet 4' }, derivedFrom: [{ key: 'src:s38' }] });
      return h.counter.count;
    };
    const twenty = await cost(20);
    // one query for the sources, one for their outlets, one for their derivations
    expect(twenty).toBe(3);
    expect(await cost(40)).toBe(twenty);
  });

  it('pages the sources of many outlets with a fixed number of queries', async () => {
    h.counter.reset();
    const res = await h.read(`{ outlets { edges { node { key sources(first: 2) { totalCount edges { node { key outlet { key } } } } } } } }`);
    expect(res.errors).toBeUndefined();
    const nodes = res.data.outlets.edges.map((e: any) => e.node);
    expect(nodes).toHaveLength(5);
    expect(nodes[0].sources).toEqual({
      totalCount: 8,
      edges: [{ node: { key: 'src:s25', outlet: { key: 'outlet:o0' } } }, { node: { key: 'src:s20', outlet: { key: 'outlet:o0' } } }],
    });
    // outlets page + count, sources pages + counts (all outlets at once), outlets of those sources
    expect(h.counter.count).toBeLessThanOrEqual(5);
  });
});
