import { checkReferences, normaliseActors, sortProblems } from './actor.validation';

describe('actor input validation', () => {
  it('normalises a good actor', () => {
    const { actors, problems } = normaliseActors([
      {
        key: 'person:x',
        kind: 'PERSON',
        name: '  José Manuel  ',
        aliases: [{ value: 'Albares', lang: 'es' }],
        memberships: [{ organization: 'org:y', role: ' ', from: '2021-07', to: '2021' }],
      },
    ]);
    expect(problems).toEqual([]);
    expect(actors[0]).toMatchObject({
      name: 'José Manuel',
      nameFolded: 'jose manuel',
      countryCode: null,
      partOf: null,
      aliases: [{ value: 'Albares', lang: 'es', valueFolded: 'albares' }],
      memberships: [{ organization: 'org:y', role: null, from: '2021-07', to: '2021', fromDay: '2021-07-01', toDayExclusive: '2022-01-01' }],
    });
  });

  it('keeps absent lists absent (the stored ones stay)', () => {
    const { actors } = normaliseActors([{ key: 'a', name: 'A' }]);
    expect(actors[0]).toMatchObject({ kind: 'OTHER', aliases: null, memberships: null });
  });

  it('lists every problem with its path', () => {
    const { problems } = normaliseActors([
      { key: 'Bad Key', name: '' },
      {
        key: 'a',
        name: 'A',
        countryCode: 'es',
        partOf: 'a',
        memberships: [
          { organization: 'a', from: '2021-13' },
          { organization: 'b', from: '2022', to: '2021' },
        ],
      },
      { key: 'a', name: 'A again', aliases: [{ value: ' ', lang: 'not a tag' }] },
    ]);
    expect(problems.map((p) => p.path)).toEqual([
      '/actors/0/key',
      '/actors/0/name',
      '/actors/1/countryCode',
      '/actors/1/partOf',
      '/actors/1/memberships/0/organization',
      '/actors/1/memberships/0/from',
      '/actors/1/memberships/1/from',
      '/actors/2/key',
      '/actors/2/aliases/0/value',
      '/actors/2/aliases/0/lang',
    ]);
  });

  it('accepts a membership of one day or one year, and open ends', () => {
    const { problems } = normaliseActors([
      {
        key: 'a',
        name: 'A',
        memberships: [{ organization: 'b', from: '2021-05-01', to: '2021-05-01' }, { organization: 'b', from: '2021', to: '2021' }, { organization: 'b' }],
      },
    ]);
    expect(problems).toEqual([]);
  });

  it('checks references against the write and the database', () => {
    const { actors } = normaliseActors([
      { key: 'ministry', name: 'M', partOf: 'gov' },
      { key: 'gov', name: 'G', partOf: 'country' },
      { key: 'p', name: 'P', memberships: [{ organization: 'ministry' }, { organization: 'ghost' }] },
      { key: 'q', name: 'Q', partOf: 'nowhere' },
    ]);
    const problems = checkReferences(actors, new Map([['country', null]]));
    expect(problems).toEqual([
      { path: '/actors/2/memberships/1/organization', message: expect.stringContaining('"ghost"') },
      { path: '/actors/3/partOf', message: expect.stringContaining('"nowhere"') },
    ]);
  });

  it('refuses a partOf cycle formed with stored actors', () => {
    // stored: c -> b; the write makes a -> c and b -> a: a -> c -> b -> a
    const { actors } = normaliseActors([
      { key: 'a', name: 'A', partOf: 'c' },
      { key: 'b', name: 'B', partOf: 'a' },
    ]);
    const problems = sortProblems(
      checkReferences(
        actors,
        new Map([
          ['c', 'b'],
          ['b', null],
        ]),
      ),
    );
    expect(problems.map((p) => p.path)).toEqual(['/actors/0/partOf', '/actors/1/partOf']);
    expect(problems[0].message).toContain('a -> c -> b -> a');
  });

  it('allows re-parenting that breaks a stored chain', () => {
    // stored: b -> a; the write makes a -> b and b -> (none)
    const { actors } = normaliseActors([
      { key: 'a', name: 'A', partOf: 'b' },
      { key: 'b', name: 'B', partOf: null },
    ]);
    expect(checkReferences(actors, new Map([['b', 'a']]))).toEqual([]);
  });
});
