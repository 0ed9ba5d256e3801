import { checkPackage, validatePackage } from './validate';

const ATT = [{ source: 'src:article' }];

/** A small valid package; tests break one thing at a time. */
function base(): any {
  return {
    format: 'newsgraph.package/v1',
    actors: [
      { key: 'country:es', kind: 'COUNTRY', name: 'Spain', countryCode: 'ES' },
      { key: 'org:es-government', kind: 'GOVERNMENT', name: 'Government of Spain', partOf: 'country:es' },
      {
        key: 'person:albares',
        kind: 'PERSON',
        name: 'José Manuel Albares',
        aliases: ['Albares', { value: 'José Manuel Albares Bueno', lang: 'es' }],
        memberships: [{ organization: 'org:es-government', role: 'Minister', from: '2021-07-12', to: null }],
      },
    ],
    sources: [{ key: 'src:article', kind: 'ARTICLE', url: 'https://example.com/a', publishedAt: '2026-03-05T09:01:00+02:00' }],
    claims: [{ key: 'claim:c', text: 'Spain agreed', topics: ['military-cooperation'] }],
    statements: [
      {
        key: 'stmt:a',
        speaker: 'person:albares',
        text: 'No change',
        saidAt: '2026-03-04',
        stances: [{ claim: 'claim:c', stance: 'DENIES' }],
        attestations: ATT,
      },
    ],
  };
}

function only(doc: unknown) {
  const { problems } = checkPackage(doc);
  expect(problems).toHaveLength(1);
  return problems[0];
}

test('a valid package has no problems and no external references', () => {
  const result = checkPackage(base());
  expect(result.problems).toEqual([]);
  expect(result.normalised).toBeDefined();
  expect(result.references).toEqual({ actors: [], sources: [], claims: [], statements: [], outlets: [] });
});

test('format must be exactly newsgraph.package/v1', () => {
  expect(only({ ...base(), format: 'newsgraph.package/v2' })).toEqual({
    path: '/format',
    message: 'must be exactly "newsgraph.package/v1"',
  });
});

test('a missing format and a non-object document are reported', () => {
  const { format: _f, ...rest } = base();
  expect(only(rest)).toEqual({ path: '/format', message: 'is required' });
  expect(only([])).toEqual({ path: '', message: 'must be an object' });
});

test('enum values are listed', () => {
  const doc = base();
  doc.statements[0].stances[0].stance = 'REJECTS';
  expect(only(doc)).toEqual({ path: '/statements/0/stances/0/stance', message: 'must be one of AFFIRMS, DENIES' });
});

test('required fields', () => {
  const doc = base();
  delete doc.actors[0].name;
  expect(only(doc)).toEqual({ path: '/actors/0/name', message: 'is required' });
});

test('unknown properties are rejected', () => {
  const doc = base();
  doc.claims[0].weight = 3;
  expect(only(doc)).toEqual({ path: '/claims/0/weight', message: expect.stringMatching(/^is not a known property \(known: key, text, topics\)$/) });
});

test('wrong types', () => {
  const doc = base();
  doc.statements[0].topics = 'base-use';
  expect(only(doc)).toEqual({ path: '/statements/0/topics', message: 'must be an array or null' });
});

test('an alias is a string or {value, lang}', () => {
  const doc = base();
  doc.actors[2].aliases.push(42);
  expect(only(doc)).toEqual({ path: '/actors/2/aliases/2', message: 'must be a string or an object {"value", "lang"}' });
});

test('keys must match the key pattern', () => {
  const doc = base();
  doc.actors[0].key = 'Country:ES';
  doc.actors[1].partOf = 'Country:ES';
  const { problems } = checkPackage(doc);
  expect(problems).toContainEqual({ path: '/actors/0/key', message: expect.stringMatching(/^"Country:ES" is not a valid key/) });
  expect(problems).toContainEqual({ path: '/actors/1/partOf', message: expect.stringMatching(/^"Country:ES" is not a valid key/) });
});

test('blank names are refused', () => {
  const doc = base();
  doc.actors[0].name = '   ';
  expect(only(doc)).toEqual({ path: '/actors/0/name', message: 'must not be blank' });
});

test('countryCode is two capital letters', () => {
  const doc = base();
  doc.actors[0].countryCode = 'es';
  expect(only(doc)).toEqual({ path: '/actors/0/countryCode', message: '"es" is not an ISO 3166-1 alpha-2 country code (two capital letters, e.g. ES)' });
});

test('externalIds carry a Wikidata item id, and nothing the format does not know', () => {
  const ok = base();
  ok.actors[0].externalIds = { wikidata: 'Q29' };
  expect(checkPackage(ok).problems).toEqual([]);
  const wrong = base();
  wrong.actors[0].externalIds = { wikidata: '29' };
  expect(only(wrong)).toEqual({ path: '/actors/0/externalIds/wikidata', message: '"29" is not a Wikidata item id (Q followed by digits, e.g. Q29)' });
  const unknown = base();
  unknown.actors[0].externalIds = { wikipedia: 'Spain' };
  expect(only(unknown).path).toBe('/actors/0/externalIds/wikipedia');
});

test('duplicate keys within a list', () => {
  const doc = base();
  doc.claims.push({ key: 'claim:c', text: 'again' });
  expect(only(doc)).toEqual({ path: '/claims/1/key', message: 'duplicate key "claim:c" (first at /claims/0)' });
});

test('duplicate derived source keys (same canonical url)', () => {
  const doc = base();
  doc.sources.push({ url: 'https://example.com/b?utm_source=x' }, { url: 'https://EXAMPLE.com/b#top' });
  const p = only(doc);
  expect(p.path).toBe('/sources/2/url');
  expect(p.message).toMatch(/^the key derived from this url, "src:[0-9a-f]{20}", is also the key of \/sources\/1; each source may appear once$/);
});

test('duplicate derived statement keys (same speaker, day and text)', () => {
  const doc = base();
  const s = { speaker: 'person:albares', text: 'Bases: no.', saidAt: '2026-03-04', attestations: ATT };
  doc.statements.push(s, { ...s, text: 'bases no', saidAt: '2026-03-04T10:00:00+01:00' });
  const p = only(doc);
  expect(p.path).toBe('/statements/2');
  expect(p.message).toMatch(/^the key derived from speaker, day and text, "stmt:albares-2026-03-04-[0-9a-f]{16}", is also the key of \/statements\/1/);
});

test('membership dates must be real partial dates', () => {
  const doc = base();
  doc.actors[2].memberships[0].from = '2021-02-30';
  expect(only(doc)).toEqual({ path: '/actors/2/memberships/0/from', message: '"2021-02-30" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)' });
});

test('membership dates of the wrong shape are refused by the schema, once', () => {
  const doc = base();
  doc.actors[2].memberships[0].to = '12/07/2021';
  expect(only(doc)).toEqual({ path: '/actors/2/memberships/0/to', message: '"12/07/2021" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)' });
});

test('a membership cannot end before it starts', () => {
  const doc = base();
  Object.assign(doc.actors[2].memberships[0], { from: '2021-07-12', to: '2021-06' });
  expect(only(doc)).toEqual({ path: '/actors/2/memberships/0/to', message: 'ends (2021-06) before it starts (2021-07-12)' });
  Object.assign(doc.actors[2].memberships[0], { from: '2021-07-12', to: '2021' });
  expect(checkPackage(doc).problems).toEqual([]);
});

test('saidAt must be a real day or an instant with offset', () => {
  const doc = base();
  doc.statements[0].saidAt = '2026-03-04T10:00:00';
  expect(only(doc)).toEqual({
    path: '/statements/0/saidAt',
    message: '"2026-03-04T10:00:00" is neither a day (YYYY-MM-DD) nor an ISO-8601 instant with offset (e.g. 2026-03-04T10:00:00-05:00)',
  });
  doc.statements[0].saidAt = '2026-02-29';
  expect(only(doc)).toEqual({ path: '/statements/0/saidAt', message: '"2026-02-29" is not a real day (YYYY-MM-DD) or ISO-8601 instant with offset' });
});

test('publishedAt is checked like saidAt', () => {
  const doc = base();
  doc.sources[0].publishedAt = '2026-13-05T09:01:00+02:00';
  expect(only(doc).path).toBe('/sources/0/publishedAt');
});

test('url is required for ARTICLE and SOCIAL_POST, and must be absolute http(s)', () => {
  const doc = base();
  doc.sources.push({ key: 'src:post', kind: 'SOCIAL_POST' }, { key: 'src:radio', kind: 'BROADCAST' }, { key: 'src:rel', url: '/articles/1' });
  expect(checkPackage(doc).problems).toEqual([
    { path: '/sources/1/url', message: 'is required for a source of kind SOCIAL_POST' },
    { path: '/sources/3/url', message: '"/articles/1" is not an absolute http(s) URL' },
  ]);
});

test('a source without key needs a url', () => {
  const doc = base();
  doc.sources.push({ kind: 'BROADCAST', title: 'Radio' });
  expect(only(doc)).toEqual({ path: '/sources/1/url', message: 'is required when the source has no key (the key is derived from it)' });
});

test('at least one attestation per statement', () => {
  const doc = base();
  doc.statements[0].attestations = [];
  expect(only(doc)).toEqual({ path: '/statements/0/attestations', message: 'needs at least one attestation (a source reporting the statement)' });
});

test('a statement cannot relate to itself', () => {
  const doc = base();
  doc.statements[0].relations = [{ type: 'CONTRADICTS', statement: 'stmt:a' }];
  expect(only(doc)).toEqual({ path: '/statements/0/relations/0/statement', message: 'a statement cannot relate to itself' });
});

test('an actor cannot be part of itself, nor a member of itself', () => {
  const doc = base();
  doc.actors[1].partOf = 'org:es-government';
  doc.actors[2].memberships.push({ organization: 'person:albares' });
  expect(checkPackage(doc).problems).toEqual([
    { path: '/actors/1/partOf', message: 'an actor cannot be part of itself' },
    { path: '/actors/2/memberships/1/organization', message: 'an actor cannot be a member of itself' },
  ]);
});

test('partOf cycles inside the package', () => {
  const doc = base();
  doc.actors[0].partOf = 'org:es-government';
  const { problems } = checkPackage(doc);
  expect(problems).toEqual([
    { path: '/actors/0/partOf', message: 'partOf forms a cycle: country:es -> org:es-government -> country:es' },
    { path: '/actors/1/partOf', message: 'partOf forms a cycle: org:es-government -> country:es -> org:es-government' },
  ]);
});

test('two stances on one claim are refused', () => {
  const doc = base();
  doc.statements[0].stances.push({ claim: 'claim:c', stance: 'AFFIRMS' });
  expect(only(doc)).toEqual({ path: '/statements/0/stances/1/claim', message: 'a stance on "claim:c" is already taken at /statements/0/stances/0' });
});

test('a source cannot derive from itself', () => {
  const doc = base();
  doc.sources[0].derivedFrom = ['src:article'];
  expect(only(doc)).toEqual({ path: '/sources/0/derivedFrom/0', message: 'a source cannot derive from itself' });
});

test('an outlet key starts with outlet:, and country goes with a name', () => {
  const doc = base();
  doc.sources[0].outlet = { key: 'novinite', name: 'Novinite' };
  expect(only(doc)).toEqual({ path: '/sources/0/outlet/key', message: expect.stringMatching(/^"novinite" is not an outlet key/) });
  doc.sources[0].outlet = { key: 'outlet:novinite', country: 'BG' };
  expect(only(doc)).toEqual({ path: '/sources/0/outlet/country', message: 'is only taken together with the outlet name' });
});

test('many problems are reported at once, in document order', () => {
  const doc = base();
  doc.format = 'v1';
  doc.actors[0].kind = 'NATION';
  doc.actors[2].memberships[0].from = '2021-7-12';
  doc.sources[0].url = 'ftp://example.com';
  doc.statements[0].saidAt = 'yesterday';
  doc.statements[0].attestations = [];
  doc.statements[0].extra = true;
  expect(checkPackage(doc).problems.map((p) => p.path)).toEqual([
    '/actors/0/kind',
    '/actors/2/memberships/0/from',
    '/format',
    '/sources/0/url',
    '/statements/0/attestations',
    '/statements/0/extra',
    '/statements/0/saidAt',
  ]);
  expect(checkPackage(doc).normalised).toBeUndefined();
});

test('references list the keys used but not defined, by kind', () => {
  const { problems, references } = checkPackage({
    format: 'newsgraph.package/v1',
    actors: [{ key: 'person:x', name: 'X', partOf: 'org:elsewhere', memberships: [{ organization: 'org:party' }] }],
    sources: [{ key: 'src:copy', kind: 'OTHER', derivedFrom: ['src:wire'], outlet: { key: 'outlet:known' } }],
    statements: [
      {
        speaker: 'person:x',
        onBehalfOf: 'org:party',
        text: 'hello',
        saidAt: '2026-03-04',
        stances: [{ claim: 'claim:old', stance: 'AFFIRMS' }],
        relations: [{ type: 'RESPONDS_TO', statement: 'stmt:old' }],
        attestations: [{ source: 'src:copy' }, { source: 'src:old' }],
      },
    ],
  });
  expect(problems).toEqual([]);
  expect(references).toEqual({
    actors: ['org:elsewhere', 'org:party'],
    sources: ['src:wire', 'src:old'],
    claims: ['claim:old'],
    statements: ['stmt:old'],
    outlets: ['outlet:known'],
  });
});

describe('validatePackage', () => {
  const doc = () => {
    const d = base();
    d.statements.push(
      { key: 'stmt:b', speaker: 'person:x', onBehalfOf: 'claim:c', text: 't', saidAt: '2026-03-04', attestations: ATT },
      {
        key: 'stmt:c',
        speaker: 'person:known',
        text: 't',
        saidAt: '2026-03-04',
        relations: [{ type: 'SUPPORTS', statement: 'stmt:known' }],
        attestations: [{ source: 'src:known' }],
      },
    );
    return d;
  };

  test('every reference neither in the package nor existing is a problem where it is used; kind matters', async () => {
    const asked: unknown[] = [];
    const result = await validatePackage(doc(), async (refs) => {
      asked.push(refs);
      return { actors: new Set(['person:known']), sources: new Set(['src:known']), claims: new Set(), statements: new Set(['stmt:known']) };
    });
    expect(asked).toEqual([{ actors: ['person:x', 'claim:c', 'person:known'], sources: ['src:known'], claims: [], statements: ['stmt:known'], outlets: [] }]);
    expect(result.ok).toBe(false);
    expect(result.normalised).toBeUndefined();
    expect(result.problems).toEqual([
      { path: '/statements/1/onBehalfOf', message: 'unknown actor "claim:c" (not in this package and not ingested before)' },
      { path: '/statements/1/speaker', message: 'unknown actor "person:x" (not in this package and not ingested before)' },
    ]);
  });

  test('all references resolved: ok, with the normalised package', async () => {
    const result = await validatePackage(doc(), async () => ({
      actors: new Set(['person:known', 'person:x', 'claim:c']),
      sources: new Set(['src:known']),
      claims: new Set(),
      statements: new Set(['stmt:known']),
    }));
    expect(result).toMatchObject({ ok: true, problems: [] });
    expect(result.normalised?.statements).toHaveLength(3);
  });

  test('without a resolver nothing outside the package exists; outlets are checked when the resolver knows them', async () => {
    const d = base();
    d.sources[0].outlet = { key: 'outlet:somewhere' };
    expect((await validatePackage(d)).problems).toEqual([
      {
        path: '/sources/0/outlet/key',
        message: 'unknown outlet "outlet:somewhere" (not named in this package and not ingested before; give its name to create it)',
      },
    ]);
    const none = { actors: new Set<string>(), sources: new Set<string>(), claims: new Set<string>(), statements: new Set<string>() };
    expect((await validatePackage(d, async () => none)).ok).toBe(true);
  });

  test('a package without external references does not call the resolver', async () => {
    const resolver = jest.fn();
    expect((await validatePackage(base(), resolver)).ok).toBe(true);
    expect(resolver).not.toHaveBeenCalled();
  });

  test('problems of the package and unknown references come together', async () => {
    const d = doc();
    d.statements[0].saidAt = 'soon';
    const result = await validatePackage(d);
    expect(result.problems.map((p) => p.path)).toEqual([
      '/statements/0/saidAt',
      '/statements/1/onBehalfOf',
      '/statements/1/speaker',
      '/statements/2/attestations/0/source',
      '/statements/2/relations/0/statement',
      '/statements/2/speaker',
    ]);
  });
});
