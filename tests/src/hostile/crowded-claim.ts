import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * A claim much argued over: `perSide` statements by a minister affirming it and as many by an
 * opposition spokesman denying it, each attested by one article. Every affirming statement so has
 * `perSide` derived contradictions.
 */
export function crowdedClaimPackage(perSide: number) {
  const day = (i: number) => `2026-0${1 + (Math.floor(i / 28) % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`;
  const side = (speaker: string, stance: 'AFFIRMS' | 'DENIES', verb: string) =>
    Array.from({ length: perSide }, (_, i) => ({
      key: `stmt:${stance.toLowerCase()}-${i}`,
      speaker,
      text: `The harbour levy ${verb} (remark ${i} of the debate).`,
      form: 'DIRECT_QUOTE',
      saidAt: day(i),
      topics: ['harbour-levy'],
      stances: [{ claim: 'claim:harbour-levy-raised', stance }],
      attestations: [{ source: 'src:harbour-debate', quotedText: `The harbour levy ${verb}` }],
    }));
  return {
    format: 'newsgraph.package/v1',
    actors: [
      { key: 'person:port-minister', kind: 'PERSON', name: 'Marta Quayle' },
      { key: 'person:opposition-spokesman', kind: 'PERSON', name: 'Tomas Brann' },
    ],
    sources: [
      {
        key: 'src:harbour-debate',
        kind: 'ARTICLE',
        url: 'https://example.org/news/harbour-levy-debate',
        title: 'Minister and opposition clash again over the harbour levy',
        outlet: { key: 'outlet:example-harbour-gazette', name: 'Harbour Gazette' },
        publishedAt: '2026-09-30T08:00:00+00:00',
        language: 'en',
      },
    ],
    claims: [{ key: 'claim:harbour-levy-raised', text: 'The harbour levy was raised this year', topics: ['harbour-levy'] }],
    statements: [...side('person:port-minister', 'AFFIRMS', 'has gone up, as planned'), ...side('person:opposition-spokesman', 'DENIES', 'was never raised')],
  };
}

export async function writePackage(name: string, content: unknown): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'newsgraph-hostile-'));
  const file = path.join(dir, name);
  await writeFile(file, JSON.stringify(content));
  return file;
}
