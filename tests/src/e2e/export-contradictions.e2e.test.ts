import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { dataOf, startTestStack, TestStack } from '../harness';
import { ndjsonLines, runExportCli } from './export-cli';

/**
 * One statement contradicted by more statements than a page of `Statement.contradictions` holds
 * (at most 100): the bulk export lists every one of them, oldest first, each once, with its origin.
 */
const CLAIM = 'claim:test-the-bridge-will-open-in-march';
const SIDE_CLAIM = 'claim:test-the-bridge-is-paid-for';
const DENIAL = 'stmt:test-mayor-denies-bridge-opening';
const AFFIRMING = 130;
const affirmKey = (i: number) => `stmt:test-affirms-bridge-opening-${String(i).padStart(3, '0')}`;
/** said on consecutive days from 2026-01-01, so "oldest first" is their number order */
const dayOf = (i: number) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
/** linked to the denial by a CONTRADICTS relation as well as by its stance: listed once, EXPLICIT */
const EXPLICIT_TOO = 5;
/** opposes the denial on two claims: still one contradiction */
const TWO_CLAIMS = 10;

let stack: TestStack;
let dir: string;

const exportCli = (args: string[]) => runExportCli(stack.gatewayUrl, args);

beforeAll(async () => {
  stack = await startTestStack();
  dir = await mkdtemp(path.join(os.tmpdir(), 'export-contradictions-'));
  const file = path.join(dir, 'bridge.package.json');
  const source = 'src:test-city-radio-bridge';
  await writeFile(
    file,
    JSON.stringify({
      format: 'newsgraph.package/v1',
      actors: [
        { key: 'person:test-mayor', kind: 'PERSON', name: 'Test Mayor' },
        { key: 'person:test-engineer', kind: 'PERSON', name: 'Test Engineer' },
      ],
      sources: [
        {
          key: source,
          kind: 'BROADCAST',
          title: 'City radio on the bridge',
          outlet: { key: 'outlet:test-city-radio', name: 'City Radio' },
          publishedAt: '2026-01-01',
        },
      ],
      claims: [
        { key: CLAIM, text: 'The bridge will open in March', topics: ['test-bridge'] },
        { key: SIDE_CLAIM, text: 'The bridge is paid for', topics: ['test-bridge'] },
      ],
      statements: [
        {
          key: DENIAL,
          speaker: 'person:test-mayor',
          text: 'The bridge will not open in March, and it is not paid for',
          saidAt: dayOf(200),
          stances: [
            { claim: CLAIM, stance: 'DENIES' },
            { claim: SIDE_CLAIM, stance: 'DENIES' },
          ],
          attestations: [{ source }],
        },
        ...Array.from({ length: AFFIRMING }, (_, i) => ({
          key: affirmKey(i),
          speaker: 'person:test-engineer',
          text: `The bridge opens in March (said on day ${i})`,
          saidAt: dayOf(i),
          stances: [{ claim: CLAIM, stance: 'AFFIRMS' }, ...(i === TWO_CLAIMS ? [{ claim: SIDE_CLAIM, stance: 'AFFIRMS' }] : [])],
          ...(i === EXPLICIT_TOO ? { relations: [{ type: 'CONTRADICTS', statement: DENIAL }] } : {}),
          attestations: [{ source }],
        })),
      ],
    }),
  );
  const loaded = await stack.ingest([file]);
  if (loaded.code !== 0) throw new Error(`ingest failed:\n${loaded.stdout}\n${loaded.stderr}`);
}, 240_000);

afterAll(async () => {
  await stack?.teardown();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const expected = Array.from({ length: AFFIRMING }, (_, i) => ({ statement: affirmKey(i), origin: i === EXPLICIT_TOO ? 'EXPLICIT' : 'DERIVED' }));

test('NDJSON: a statement with more contradictions than one page of Statement.contradictions has all of them, oldest first, each once', async () => {
  const run = await exportCli(['--filter', JSON.stringify({ topic: 'test-bridge' })]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const rows = ndjsonLines(run.stdout);
  expect(rows).toHaveLength(AFFIRMING + 1);
  const denial = rows.find((r) => r.key === DENIAL);
  expect(denial.contradictionCount).toBe(AFFIRMING);
  expect(denial.contradictions).toEqual(expected);

  // the GraphQL field agrees on the count and on its first page (it lists at most 100)
  const viaGraph = dataOf(
    await stack.query(`query($key: String!) { statement(key: $key) { contradictionCount contradictions(first: 100) { origin statement { key } } } }`, {
      key: DENIAL,
    }),
  ).statement as any;
  expect(viaGraph.contradictionCount).toBe(AFFIRMING);
  expect(viaGraph.contradictions.map((c: any) => ({ statement: c.statement.key, origin: c.origin }))).toEqual(expected.slice(0, 100));

  // and every affirming statement lists the denial, once
  for (const [i, r] of rows.filter((x) => x.key !== DENIAL).entries()) {
    expect({ i, contradictions: r.contradictions }).toEqual({
      i,
      contradictions: [{ statement: DENIAL, origin: r.key === affirmKey(EXPLICIT_TOO) ? 'EXPLICIT' : 'DERIVED' }],
    });
  }
});

test('CSV and ClaimReview carry all of them too', async () => {
  const csv = await exportCli(['--format', 'csv', '--filter', JSON.stringify({ claim: CLAIM, stance: 'DENIES' })]);
  expect(csv.code).toBe(0);
  const records: Record<string, string>[] = parse(csv.stdout, { columns: true, skip_empty_lines: true });
  expect(records.map((r) => r.key)).toEqual([DENIAL]);
  expect(records[0].contradictionCount).toBe(String(AFFIRMING));
  expect(records[0].contradictions.split(' | ')).toEqual(expected.map((c) => `${c.statement}:${c.origin}`));

  const doc = JSON.parse((await exportCli(['--claim', CLAIM])).stdout);
  const review = doc['@graph'].find((n: any) => n.identifier === DENIAL);
  expect(review['newsgraph:contradicts']).toEqual(expected.map((c) => `urn:newsgraph:statement:${c.statement}`));
  expect(review['newsgraph:explicitlyContradicts']).toEqual([`urn:newsgraph:statement:${affirmKey(EXPLICIT_TOO)}`]);
});
