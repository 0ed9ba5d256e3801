import { parse } from 'csv-parse/sync';
import { generate } from '@newsgraph/tools';
import { dataOf, loadSeed, startTestStack, TestStack } from '../harness';
import { ndjsonLines, runExportCli } from './export-cli';

let stack: TestStack;
let exportUrl: string;

const exportCli = (args: string[]) => runExportCli(stack.gatewayUrl, args);

/** Every statement key the GraphQL list gives for a filter, page by page. */
async function keysThroughGraphQL(filter: object): Promise<string[]> {
  const keys: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = dataOf(
      await stack.query(
        `query($filter: StatementFilter, $after: String) { statements(filter: $filter, first: 100, after: $after) { edges { node { key } } pageInfo { hasNextPage endCursor } } }`,
        { filter, after },
      ),
    ).statements;
    keys.push(...page.edges.map((e: any) => e.node.key));
    if (!page.pageInfo.hasNextPage) return keys;
    after = page.pageInfo.endCursor;
  }
}

beforeAll(async () => {
  stack = await startTestStack();
  // 350 generated statements (four export pages) beside the seed's six
  await generate.generateCorpus({ databaseUrl: process.env.DATABASE_URL!, prefix: stack.prefix, statements: 350, seed: 11 });
  await loadSeed(stack);
  exportUrl = new URL('/export/statements', stack.gatewayUrl).toString();
}, 240_000);

afterAll(async () => {
  await stack?.teardown();
});

test('NDJSON export: every statement once, in the list order, with speaker, sources, stances and contradictions', async () => {
  const run = await exportCli([]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const rows = ndjsonLines(run.stdout);
  const keys = rows.map((r) => r.key);
  expect(keys).toEqual(await keysThroughGraphQL({}));
  expect(keys.length).toBeGreaterThan(350);
  expect(new Set(keys).size).toBe(keys.length);

  const denial = rows.find((r) => r.key === 'stmt:albares-denies-change-2026-03-04');
  expect(denial.speaker).toEqual({ key: 'person:jose-manuel-albares', name: 'José Manuel Albares', kind: 'PERSON' });
  expect(denial.stances).toContainEqual(expect.objectContaining({ claim: 'claim:spain-agreed-to-cooperate-with-us-military-against-iran', stance: 'DENIES' }));
  expect(denial.sources.map((s: any) => s.outlet?.name)).toContain('Novinite');
  expect(denial.contradictions).toContainEqual({ statement: 'stmt:leavitt-spain-agrees-2026-03-04', origin: 'EXPLICIT' });
  expect(typeof denial.cursor).toBe('string');
});

test('an export resumed from a cursor gives exactly the rest', async () => {
  const all = ndjsonLines((await exportCli([])).stdout);
  const cut = 137; // inside the second page
  const rest = await exportCli(['--after', all[cut - 1].cursor]);
  expect(rest.code).toBe(0);
  expect(ndjsonLines(rest.stdout).map((r) => r.key)).toEqual(all.slice(cut).map((r) => r.key));
});

test('a filtered export matches the filtered list', async () => {
  const filter = { by: 'country:es', topic: 'base-use' };
  const run = await exportCli(['--filter', JSON.stringify(filter)]);
  expect(run.code).toBe(0);
  const keys = ndjsonLines(run.stdout).map((r) => r.key);
  expect(keys).toEqual(await keysThroughGraphQL(filter));
  expect(keys).toEqual(
    expect.arrayContaining([
      'stmt:albares-denies-change-2026-03-04',
      'stmt:albares-territory-not-used-2026-03-04',
      'stmt:spanish-officials-territory-not-available-2026-03-05',
    ]),
  );
});

test('CSV export parses back with a CSV parser, one row per statement, texts intact', async () => {
  const ndjson = ndjsonLines((await exportCli([])).stdout);
  const run = await exportCli(['--format', 'csv']);
  expect(run.code).toBe(0);
  const records: Record<string, string>[] = parse(run.stdout, { columns: true, skip_empty_lines: true });
  expect(records.map((r) => r.key)).toEqual(ndjson.map((r) => r.key));
  for (const [i, r] of records.entries()) {
    expect(r.text).toBe(ndjson[i].text);
    expect(r.cursor).toBe(ndjson[i].cursor);
  }
  const denial = records.find((r) => r.key === 'stmt:albares-denies-change-2026-03-04')!;
  expect(denial.speakerName).toBe('José Manuel Albares');
  expect(denial.stances.split(' | ')).toContain('claim:spain-agreed-to-cooperate-with-us-military-against-iran:DENIES');
  expect(denial.contradictions.split(' | ')).toContain('stmt:leavitt-spain-agrees-2026-03-04:EXPLICIT');
});

test('a bad filter or cursor is refused before any data, saying where', async () => {
  const badJson = await fetch(`${exportUrl}?filter=${encodeURIComponent('{"by":')}`);
  expect(badJson.status).toBe(400);
  const body = (await badJson.json()) as any;
  expect(body.errors[0]).toMatchObject({ path: ['filter'], extensions: { code: 'BAD_USER_INPUT' } });

  const unknownField = await fetch(`${exportUrl}?filter=${encodeURIComponent('{"bogus":1}')}`);
  expect(unknownField.status).toBe(400);
  expect(JSON.stringify(await unknownField.json())).toContain('bogus');

  const forged = await exportCli(['--after', 'not-a-cursor']);
  expect(forged.code).toBe(1);
  expect(forged.stdout).toBe('');
  expect(forged.stderr).toMatch(/after/i);

  const format = await fetch(`${exportUrl}?format=xml`);
  expect(format.status).toBe(400);
  expect(((await format.json()) as any).errors[0].path).toEqual(['format']);

  const usage = await exportCli(['--format', 'xml']);
  expect(usage.code).toBe(2);
});

test('exports are read-only: POST is refused', async () => {
  const res = await fetch(exportUrl, { method: 'POST', body: '{}' });
  expect(res.status).toBe(405);
  expect(res.headers.get('allow')).toBe('GET, HEAD');
});

test('a client that goes away stops the export', async () => {
  const controller = new AbortController();
  const res = await fetch(exportUrl, { signal: controller.signal });
  const reader = res.body!.getReader();
  await reader.read();
  controller.abort();
  // the gateway keeps serving exports
  const again = await fetch(exportUrl);
  expect(again.status).toBe(200);
  expect(ndjsonLines(await again.text()).length).toBeGreaterThan(350);
});

/**
 * The schema.org terms the ClaimReview export may use, each type with its parent and the
 * properties schema.org defines on it (read off schema.org's pages for these types).
 */
const SCHEMA_ORG: Record<string, { parent?: string; properties: string[] }> = {
  Thing: { properties: ['identifier', 'name', 'alternateName', 'url', 'subjectOf', 'sameAs', 'description'] },
  CreativeWork: { parent: 'Thing', properties: ['text', 'keywords', 'author', 'datePublished', 'inLanguage', 'headline', 'publisher', 'about'] },
  Claim: { parent: 'CreativeWork', properties: ['appearance', 'firstAppearance', 'claimInterpreter'] },
  Review: { parent: 'CreativeWork', properties: ['itemReviewed', 'reviewBody', 'reviewRating'] },
  ClaimReview: { parent: 'Review', properties: ['claimReviewed'] },
  Article: { parent: 'CreativeWork', properties: [] },
  NewsArticle: { parent: 'Article', properties: [] },
  Intangible: { parent: 'Thing', properties: [] },
  Rating: { parent: 'Intangible', properties: ['ratingValue', 'bestRating', 'worstRating'] },
  Organization: { parent: 'Thing', properties: [] },
  Person: { parent: 'Thing', properties: [] },
};

function allowed(type: string): Set<string> {
  const out = new Set<string>();
  for (let t: string | undefined = type; t; t = SCHEMA_ORG[t]?.parent) for (const p of SCHEMA_ORG[t]?.properties ?? []) out.add(p);
  return out;
}

/** Every node's type is a schema.org type and every property is defined on it, or is ours (newsgraph:). */
function checkVocabulary(node: any, where: string, problems: string[]): void {
  if (Array.isArray(node)) return node.forEach((n, i) => checkVocabulary(n, `${where}[${i}]`, problems));
  if (node === null || typeof node !== 'object') return;
  const keys = Object.keys(node).filter((k) => !k.startsWith('@'));
  if (keys.length === 0) return; // a reference ({"@id": …})
  const type = node['@type'];
  if (!SCHEMA_ORG[type]) problems.push(`${where}: unknown type ${type}`);
  const ok = allowed(type);
  for (const k of keys) {
    if (!k.startsWith('newsgraph:') && !ok.has(k)) problems.push(`${where}: ${type} has no property ${k}`);
    checkVocabulary(node[k], `${where}.${k}`, problems);
  }
}

test('a claim as schema.org ClaimReview JSON-LD: CLI and HTTP agree, terms are schema.org, stances are ratings', async () => {
  const claim = 'claim:spain-agreed-to-cooperate-with-us-military-against-iran';
  const run = await exportCli(['--claim', claim]);
  expect(run.code).toBe(0);
  const doc = JSON.parse(run.stdout);
  const viaHttp = await fetch(new URL(`/export/claim-review?claim=${encodeURIComponent(claim)}`, stack.gatewayUrl));
  expect(viaHttp.headers.get('content-type')).toMatch(/^application\/ld\+json/);
  expect(await viaHttp.json()).toEqual(doc);

  expect(doc['@context'][0]).toBe('https://schema.org');
  const problems: string[] = [];
  checkVocabulary(doc['@graph'], '@graph', problems);
  expect(problems).toEqual([]);

  const graph: any[] = doc['@graph'];
  const claimNode = graph.find((n) => n['@type'] === 'Claim');
  expect(claimNode).toMatchObject({ identifier: claim, text: 'Spain has agreed to cooperate with the US military operation against Iran' });
  const reviews = graph.filter((n) => n['@type'] === 'ClaimReview');
  const stances = dataOf(await stack.query(`{ claim(key: "${claim}") { affirmCount denyCount } }`)).claim as any;
  expect(reviews.filter((r) => r.reviewRating.alternateName === 'Affirms')).toHaveLength(stances.affirmCount);
  expect(reviews.filter((r) => r.reviewRating.alternateName === 'Denies')).toHaveLength(stances.denyCount);

  const denial = reviews.find((r) => r.identifier === 'stmt:albares-denies-change-2026-03-04');
  expect(denial.author).toMatchObject({ '@type': 'Person', name: 'José Manuel Albares' });
  expect(denial.itemReviewed).toEqual({ '@id': claimNode['@id'] });
  expect(denial['newsgraph:explicitlyContradicts']).toContain('urn:newsgraph:statement:stmt:leavitt-spain-agrees-2026-03-04');
  expect(denial.subjectOf.map((s: any) => s.publisher?.name)).toContain('Novinite');
  // every source that reports a statement on the claim is one of its appearances, and each is described in a review
  const described = new Set(reviews.flatMap((r) => (r.subjectOf ?? []).map((s: any) => s['@id'])));
  expect(claimNode.appearance.length).toBe(described.size);
  for (const a of claimNode.appearance) expect(described.has(a['@id'])).toBe(true);
});

test('ClaimReview of an unknown claim is 404 NOT_FOUND; without a claim, 400', async () => {
  const unknown = await fetch(new URL('/export/claim-review?claim=claim:nobody-said-this', stack.gatewayUrl));
  expect(unknown.status).toBe(404);
  expect(((await unknown.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
  const missing = await fetch(new URL('/export/claim-review', stack.gatewayUrl));
  expect(missing.status).toBe(400);
  expect(((await missing.json()) as any).errors[0].path).toEqual(['claim']);
  const cli = await exportCli(['--claim', 'claim:nobody-said-this']);
  expect(cli.code).toBe(1);
  expect(cli.stderr).toMatch(/NOT_FOUND/);
});
