import { deriveSourceKey } from '@newsgraph/news-package';
import { parsePublishedAt, planSources, referencedKeys } from './source.validate';

const none = { sources: new Set<string>(), outlets: new Set<string>() };

describe('planSources', () => {
  it('turns a valid input into rows, deriving keys and folding text', () => {
    const plan = planSources(
      [
        {
          url: 'https://EXAMPLE.com/a/?utm_source=x#top',
          title: 'Albares: «No hay cambio»',
          outlet: { key: 'outlet:el-pais', name: 'El País', country: 'es' },
          publishedAt: '2026-03-04T21:30:00-05:00',
          language: 'es',
          derivedFrom: ['src:wire'],
        },
        { key: 'src:wire', kind: 'OTHER', outlet: { key: 'outlet:el-pais' } },
      ],
      none,
    );
    expect(plan.problems).toEqual([]);
    expect(plan.sources[0]).toEqual({
      key: deriveSourceKey('https://example.com/a'),
      kind: 'ARTICLE',
      url: 'https://EXAMPLE.com/a/?utm_source=x#top',
      canonicalUrl: 'https://example.com/a',
      title: 'Albares: «No hay cambio»',
      titleFolded: 'albares: «no hay cambio»',
      outletKey: 'outlet:el-pais',
      publishedAt: '2026-03-05T02:30:00.000Z',
      publishedText: '2026-03-04T21:30:00-05:00',
      language: 'es',
      derivedFrom: ['src:wire'],
    });
    expect(plan.sources[1]).toMatchObject({ key: 'src:wire', url: null, derivedFrom: null, outletKey: 'outlet:el-pais' });
    expect(plan.outlets).toEqual([{ key: 'outlet:el-pais', name: 'El País', nameFolded: 'el pais', country: 'ES' }]);
  });

  it('accepts references the database already holds', () => {
    const input = [{ key: 'src:b', url: 'https://b.example/', outlet: { key: 'outlet:known' }, derivedFrom: ['src:a'] }];
    expect(referencedKeys(input)).toEqual({ sources: ['src:a'], outlets: ['outlet:known'] });
    expect(planSources(input, { sources: new Set(['src:a']), outlets: new Set(['outlet:known']) }).problems).toEqual([]);
    expect(planSources(input, none).problems.map((p) => p.path)).toEqual(['/sources/0/outlet', '/sources/0/derivedFrom/0']);
  });

  it('refuses an outlet described two different ways in one input', () => {
    const plan = planSources(
      [
        { key: 'src:a', kind: 'OTHER', outlet: { key: 'outlet:x', name: 'X' } },
        { key: 'src:b', kind: 'OTHER', outlet: { key: 'outlet:x', name: 'X' } },
        { key: 'src:c', kind: 'OTHER', outlet: { key: 'outlet:x', name: 'X Daily' } },
      ],
      none,
    );
    expect(plan.problems).toEqual([{ path: '/sources/2/outlet', message: 'outlet "outlet:x" is described differently at /sources/0/outlet' }]);
  });

  it('reports two inputs whose keys collide, given or derived', () => {
    const plan = planSources(
      [{ url: 'https://a.example/story' }, { url: 'https://a.example/story#again' }, { key: deriveSourceKey('https://a.example/story'), kind: 'OTHER' }],
      none,
    );
    expect(plan.problems.map((p) => p.path)).toEqual(['/sources/1/url', '/sources/2/key']);
  });

  it('caps the size of one write', () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({ key: `src:${i}`, kind: 'OTHER' }));
    expect(planSources(many, none).problems).toEqual([{ path: '/sources', message: 'at most 1000 sources per write, got 1001' }]);
  });
});

describe('parsePublishedAt', () => {
  it.each([
    ['2026-03-05T09:01:00+02:00', '2026-03-05T07:01:00.000Z'],
    ['2026-03-05T07:01:00Z', '2026-03-05T07:01:00.000Z'],
    ['2026-03-05', '2026-03-05T00:00:00.000Z'],
    ['2026-03', '2026-03-01T00:00:00.000Z'],
    ['2026', '2026-01-01T00:00:00.000Z'],
  ])('reads %s', (value, instant) => {
    expect(parsePublishedAt(value)).toBe(instant);
  });

  it.each(['2026-03-05T09:01:00', '2026-13-01', 'yesterday', '2026-02-29', ''])('refuses %p', (value) => {
    expect(parsePublishedAt(value)).toBeNull();
  });
});
