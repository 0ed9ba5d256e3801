import fc from 'fast-check';
import { checkPackage, validatePackage } from './validate';

/**
 * Property tests of the package validator: valid packages of any shape pass and normalise to a
 * fixed point; any single corruption is reported at the place it was made; nothing crashes it.
 */
const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,15}$/);
const day = fc
  .record({ y: fc.integer({ min: 1990, max: 2030 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const text = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0);

const validPackage = fc
  .record({
    actorSlugs: fc.uniqueArray(slug, { minLength: 1, maxLength: 5 }),
    claimSlugs: fc.uniqueArray(slug, { maxLength: 3 }),
    statementCount: fc.integer({ min: 0, max: 5 }),
    days: fc.array(day, { minLength: 5, maxLength: 5 }),
    texts: fc.array(text, { minLength: 5, maxLength: 5 }),
    stance: fc.constantFrom('AFFIRMS', 'DENIES'),
    withKeys: fc.boolean(),
  })
  .map(({ actorSlugs, claimSlugs, statementCount, days, texts, stance, withKeys }) => {
    const actors = actorSlugs.map((s, i) => ({
      key: `person:${s}`,
      kind: 'PERSON',
      name: texts[i % texts.length],
      ...(i > 0 ? { memberships: [{ organization: `person:${actorSlugs[0]}`, role: 'member', from: days[i % 5].slice(0, 7) }] } : {}),
    }));
    const sources = [{ key: 'src:one', kind: 'ARTICLE', url: 'https://example.com/one', title: 'One' }];
    const claims = claimSlugs.map((s, i) => ({ key: `claim:${s}`, text: texts[i], topics: ['topic-a'] }));
    const statements = Array.from({ length: statementCount }, (_, i) => ({
      ...(withKeys ? { key: `stmt:s${i}` } : {}),
      speaker: actors[i % actors.length].key,
      text: `${texts[i]} ${i}`,
      saidAt: days[i],
      topics: ['topic-b'],
      stances: claims.length ? [{ claim: claims[i % claims.length].key, stance }] : [],
      ...(withKeys && i > 0 ? { relations: [{ type: 'CONTRADICTS', statement: 'stmt:s0' }] } : {}),
      attestations: [{ source: 'src:one', quotedText: texts[i] }],
    }));
    return { format: 'newsgraph.package/v1', actors, sources, claims, statements };
  });

test('valid packages pass, refer to nothing outside, and normalise to a fixed point', () => {
  fc.assert(
    fc.property(validPackage, (doc) => {
      const first = checkPackage(doc);
      expect(first.problems).toEqual([]);
      expect(first.references).toEqual({ actors: [], sources: [], claims: [], statements: [], outlets: [] });
      const again = checkPackage(first.normalised);
      expect(again.problems).toEqual([]);
      expect(again.normalised).toEqual(first.normalised);
    }),
    { numRuns: 200 },
  );
});

type Corruption = (doc: any) => string | null;
const corruptions: Record<string, Corruption> = {
  badKey: (d) => ((d.actors[0].key = 'Person:Upper Case'), '/actors/0/key'),
  badKind: (d) => ((d.actors[0].kind = 'ALIEN'), '/actors/0/kind'),
  noName: (d) => (delete d.actors[0].name, '/actors/0'),
  badMembershipDate: (d) => (d.actors.length > 1 ? ((d.actors[1].memberships[0].from = '2021-13'), '/actors/1/memberships/0/from') : null),
  badSaidAt: (d) => (d.statements.length ? ((d.statements[0].saidAt = '04/03/2026'), '/statements/0/saidAt') : null),
  noAttestation: (d) => (d.statements.length ? ((d.statements[0].attestations = []), '/statements/0/attestations') : null),
  unknownSpeaker: (d) => (d.statements.length ? ((d.statements[0].speaker = 'person:not-in-package'), '/statements/0/speaker') : null),
  badStance: (d) =>
    d.statements.length && d.statements[0].stances.length ? ((d.statements[0].stances[0].stance = 'MAYBE'), '/statements/0/stances/0/stance') : null,
  duplicateActor: (d) => (d.actors.push({ ...d.actors[0] }), `/actors/${d.actors.length - 1}/key`),
  noUrl: (d) => (delete d.sources[0].url, '/sources/0'),
  extraField: (d) => (((d.claims.length ? d.claims[0] : d.actors[0]).colour = 'red'), d.claims.length ? '/claims/0' : '/actors/0'),
};

test('any single corruption is reported at the place it was made', async () => {
  await fc.assert(
    fc.asyncProperty(validPackage, fc.constantFrom(...Object.keys(corruptions)), async (doc, name) => {
      const path = corruptions[name](doc);
      fc.pre(path !== null);
      // without a resolver, nothing outside the package exists
      const { ok, problems } = await validatePackage(doc);
      expect(ok).toBe(false);
      expect(problems.some((p) => p.path === path || p.path.startsWith(`${path}/`))).toBe(true);
    }),
    { numRuns: 300 },
  );
});

test('arbitrary JSON never crashes the validator and is never accepted by accident', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const { problems } = checkPackage(value);
      expect(problems.length).toBeGreaterThan(0);
      for (const p of problems) expect(typeof p.message).toBe('string');
    }),
    { numRuns: 300 },
  );
});
