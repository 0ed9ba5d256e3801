import { encodeCursor } from '@newsgraph/kit';
import { afterChangeCursor, changesPerActor } from './position.sql';
import { StanceKind } from '../statement/statement.types';
import { PositionModel } from './position.types';
import { topLevelOf } from './top-level';

const statement = (key: string, day: string, speakerKey = 'person:x', onBehalfOfKey: string | null = null) =>
  ({ key, saidOn: day, speakerKey, onBehalfOfKey, saidAtInstant: `${day}T00:00:00.000Z` }) as any;
const at = (key: string, day: string, stance: 'AFFIRMS' | 'DENIES'): PositionModel => ({
  claimKey: 'claim:c',
  stance: stance as StanceKind,
  statement: statement(key, day),
});

describe('top-level actors of a statement', () => {
  const intervals: Record<string, { actor: string; from: string | null; to: string | null }[]> = {
    'person:ana': [{ actor: 'country:a', from: '2026-01-10', to: '2026-02-01' }],
    'org:gov-b': [{ actor: 'country:b', from: null, to: null }],
  };
  const of = (s: any) => topLevelOf(s, (a) => intervals[a] ?? []);

  test('from the speaker on the day said, and from the actor spoken for, sorted', () => {
    expect(of(statement('s1', '2026-01-15', 'person:ana', 'org:gov-b'))).toEqual(['country:a', 'country:b']);
    expect(of(statement('s2', '2026-01-09', 'person:ana', 'org:gov-b'))).toEqual(['country:b']);
    // the interval is half-open: 1 February is no longer in it
    expect(of(statement('s3', '2026-02-01', 'person:ana'))).toEqual(['person:ana']);
  });

  test('a speaker that reaches no top-level actor is its own', () => {
    expect(of(statement('s4', '2026-01-15', 'person:loner'))).toEqual(['person:loner']);
  });
});

describe('changes of position folded from a timeline', () => {
  const timeline = [
    at('s1', '2026-01-01', 'AFFIRMS'),
    at('s2', '2026-01-02', 'AFFIRMS'),
    at('s3', '2026-01-03', 'DENIES'),
    at('s4', '2026-01-04', 'DENIES'),
    at('s5', '2026-01-05', 'AFFIRMS'),
  ];

  test('a turn is the last statement with the old stance and the first with the new one, per actor', () => {
    const actors = [['a'], ['a', 'b'], ['a'], ['b'], ['a', 'b']];
    const turns = changesPerActor(timeline, actors).map((c) => [c.actorKey, c.before.statement.key, c.after.statement.key]);
    // b: AFFIRMS (s2), DENIES (s4), AFFIRMS (s5); a: AFFIRMS (s1, s2), DENIES (s3), AFFIRMS (s5)
    expect(turns).toEqual([
      ['a', 's2', 's3'],
      ['b', 's2', 's4'],
      ['a', 's3', 's5'],
      ['b', 's4', 's5'],
    ]);
  });

  test('no turn without a change, and paging resumes right after the cursor', () => {
    expect(changesPerActor(timeline.slice(0, 2), [['a'], ['a']])).toEqual([]);
    const all = changesPerActor(timeline, [['a'], ['a', 'b'], ['a'], ['b'], ['a', 'b']]);
    const cursor = encodeCursor(['2026-01-04T00:00:00.000Z', 's4', 'claim:c', 'b']);
    expect(afterChangeCursor(all, cursor).map((c) => [c.actorKey, c.after.statement.key])).toEqual([
      ['a', 's5'],
      ['b', 's5'],
    ]);
    expect(afterChangeCursor(all, null)).toHaveLength(4);
  });
});
