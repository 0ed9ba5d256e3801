import { contains } from './intervals';
import { ancestorsOn, RollupEdge, RollupGraph, rollupDays, rollupIntervals } from './rollup.rules';

const partOf = (child: string, parent: string): RollupEdge => ({ child, parent, from: null, to: null });
const member = (child: string, parent: string, from: string | null, to: string | null): RollupEdge => ({ child, parent, from, to });

function graph(edges: RollupEdge[], extra: string[] = []): RollupGraph {
  return new RollupGraph(edges, new Set([...edges.flatMap((e) => [e.child, e.parent]), ...extra]));
}

// person -(member 2021-07-12..open)-> ministry -partOf-> government -partOf-> country
const spain = [
  member('person:albares', 'org:mfa', '2021-07-12', null),
  member('person:gonzalez-laya', 'org:mfa', '2020-01-13', '2021-07-12'),
  partOf('org:mfa', 'gov:es'),
  partOf('gov:es', 'country:es'),
];

describe('the roll-up rule (CONTRACT.md §3)', () => {
  it('follows memberships and partOf upwards on a given day', () => {
    const g = graph(spain);
    expect(ancestorsOn(g, 'person:albares', '2026-03-04')).toEqual(['person:albares', 'org:mfa', 'gov:es', 'country:es']);
    expect(ancestorsOn(g, 'person:albares', '2021-07-11')).toEqual(['person:albares']);
    expect(ancestorsOn(g, 'person:gonzalez-laya', '2021-07-11')).toEqual(['person:gonzalez-laya', 'org:mfa', 'gov:es', 'country:es']);
    expect(ancestorsOn(g, 'person:gonzalez-laya', '2021-07-12')).toEqual(['person:gonzalez-laya']);
    expect(ancestorsOn(g, 'person:nobody', '2021-07-12')).toEqual([]);
  });

  it('gives the days each actor rolls up to a target, itself included', () => {
    expect(rollupIntervals(graph(spain), 'country:es')).toEqual([
      { actor: 'country:es', from: null, to: null },
      { actor: 'gov:es', from: null, to: null },
      { actor: 'org:mfa', from: null, to: null },
      { actor: 'person:albares', from: '2021-07-12', to: null },
      { actor: 'person:gonzalez-laya', from: '2020-01-13', to: '2021-07-12' },
    ]);
    expect(rollupIntervals(graph(spain), 'person:albares')).toEqual([{ actor: 'person:albares', from: null, to: null }]);
    expect(rollupIntervals(graph(spain), 'unknown')).toEqual([]);
  });

  it('intersects nested memberships: a person in a party, the party in a coalition', () => {
    const g = graph([
      member('person:p', 'party:a', '2018-01-01', '2023-01-01'),
      member('party:a', 'coalition:c', '2020-06-01', '2024-01-01'),
      member('coalition:c', 'alliance:x', '2021-01-01', null),
    ]);
    expect(rollupDays(g, 'alliance:x').get('person:p')).toEqual([{ from: '2021-01-01', to: '2023-01-01' }]);
    expect(rollupDays(g, 'coalition:c').get('person:p')).toEqual([{ from: '2020-06-01', to: '2023-01-01' }]);
    expect(ancestorsOn(g, 'person:p', '2020-07-01')).toEqual(['person:p', 'party:a', 'coalition:c']);
    expect(ancestorsOn(g, 'person:p', '2021-07-01')).toEqual(['person:p', 'party:a', 'coalition:c', 'alliance:x']);
  });

  it('merges several paths of one actor into one set of ranges', () => {
    const g = graph([
      member('person:p', 'org:a', '2020-01-01', '2020-07-01'),
      member('person:p', 'org:b', '2020-07-01', '2021-01-01'),
      member('person:p', 'org:a', '2022-01-01', null),
      partOf('org:a', 'country:x'),
      partOf('org:b', 'country:x'),
    ]);
    expect(rollupDays(g, 'country:x').get('person:p')).toEqual([
      { from: '2020-01-01', to: '2021-01-01' },
      { from: '2022-01-01', to: null },
    ]);
  });

  it('terminates on membership cycles and still finds the least fixed point', () => {
    const g = graph([member('org:a', 'org:b', '2020-01-01', '2022-01-01'), member('org:b', 'org:a', '2021-01-01', '2023-01-01'), partOf('org:b', 'country:x')]);
    const days = rollupDays(g, 'country:x');
    expect(days.get('org:b')).toEqual([{ from: null, to: null }]);
    expect(days.get('org:a')).toEqual([{ from: '2020-01-01', to: '2022-01-01' }]);
    expect(ancestorsOn(g, 'org:a', '2021-06-01')).toEqual(['org:a', 'org:b', 'country:x']);
  });

  it('follows a deep chain', () => {
    const edges: RollupEdge[] = [];
    for (let k = 0; k < 60; k++) edges.push(k % 2 ? partOf(`n:${k}`, `n:${k + 1}`) : member(`n:${k}`, `n:${k + 1}`, '2000-01-01', null));
    const g = graph(edges);
    expect(ancestorsOn(g, 'n:0', '2001-01-01')).toHaveLength(61);
    expect(rollupDays(g, 'n:60').get('n:0')).toEqual([{ from: '2000-01-01', to: null }]);
  });

  it('agrees with itself: A rolls up to X on d in one direction exactly when it does in the other', () => {
    // a seeded pseudo-random generator, so a failure can be replayed
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const days = ['2019-06-01', '2020-01-01', '2020-06-15', '2021-01-01', '2021-12-31', '2022-06-01', '2023-03-03'];
    const bound = () => (rand(3) === 0 ? null : days[rand(days.length)]);
    for (let round = 0; round < 200; round++) {
      const nodes = Array.from({ length: 2 + rand(7) }, (_, k) => `n:${k}`);
      const edges: RollupEdge[] = [];
      for (let k = 0; k < rand(14); k++) {
        const child = nodes[rand(nodes.length)];
        const parent = nodes[rand(nodes.length)];
        if (child === parent) continue;
        if (rand(3) === 0) edges.push(partOf(child, parent));
        else edges.push(member(child, parent, bound(), bound()));
      }
      const g = new RollupGraph(edges, new Set(nodes));
      for (const target of nodes) {
        const down = rollupDays(g, target);
        for (const actor of nodes) {
          for (const day of days) {
            const viaDown = (down.get(actor) ?? []).some((r) => contains(r, day));
            const viaUp = ancestorsOn(g, actor, day).includes(target);
            if (viaDown !== viaUp) throw new Error(`round ${round}: ${actor} -> ${target} on ${day}: down ${viaDown}, up ${viaUp}`);
          }
        }
      }
    }
  });
});
