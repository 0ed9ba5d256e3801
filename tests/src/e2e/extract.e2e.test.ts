import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CliResult, dataOf, REPO_ROOT, SEED_DIR, startTestStack, TestStack } from '../harness';

// Issue 14's "done when": on a graph that knows the seed's actors and claims but none of its
// statements, extracting the seed article and ingesting it makes the headline queries answer
// from extracted statements; doing it again changes nothing.

const ARTICLE = path.join(SEED_DIR, '000_7254b9545039598a.txt');
const ALBARES = 'person:jose-manuel-albares';
const LEAVITT = 'person:karoline-leavitt';

let stack: TestStack;
let dir: string;

function extract(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    delete env.NEWSGRAPH_TOKEN;
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'tools/dist/extract.js'), ...args], { env, cwd: REPO_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

const extractAndIngest = () => extract([ARTICLE, '--gateway', stack.gatewayUrl, '--ingest', '--token', stack.token]);

async function census() {
  return dataOf(
    await stack.query(`{
      actors(first: 1) { totalCount }
      sources(first: 1) { totalCount }
      claims(first: 1) { totalCount }
      statements(first: 1) { totalCount }
    }`),
  );
}

const SPAIN_ON_BASE_USE = `query SpainOnBaseUse {
  actor(key: "country:es") {
    statements(filter: { topic: "base-use" }, first: 50) {
      totalCount
      edges { node {
        key text saidAt form
        speaker { key name }
        stances { stance claim { key } }
        extraction { confidence start end review }
        attestations { quotedText source { key title } }
        contradictions(by: "country:us") { origin statement { key text speaker { key } } }
      } }
    }
  }
}`;
const SAME_FROM_THE_ROOT = `query SameFromTheRoot {
  statements(filter: { by: "country:es", topic: "base-use" }, first: 50) {
    totalCount
    edges { node { key contradictions(by: "country:us") { origin statement { key } } } }
  }
}`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsgraph-extract-'));
  stack = await startTestStack();
  // the seed's actors and claims, none of its sources or statements
  const seed = JSON.parse(await readFile(path.join(SEED_DIR, 'spain-denies-us-claims.package.json'), 'utf8'));
  const known = path.join(dir, 'known.json');
  await writeFile(known, JSON.stringify({ format: seed.format, actors: seed.actors, claims: seed.claims }));
  const loaded = await stack.ingest([known]);
  if (loaded.code !== 0) throw new Error(`loading the seed's actors and claims failed:\n${loaded.stdout}\n${loaded.stderr}`);
}, 180_000);

afterAll(async () => {
  await stack?.teardown();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('the seed article, extracted and ingested, answers the headline queries', async () => {
  expect(dataOf(await stack.query('{ statements(first: 1) { totalCount } }')).statements.totalCount).toBe(0);

  const run = await extractAndIngest();
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: expect.stringMatching(/loaded .*created/) });
  // stdout is the package and nothing else
  const pkg = JSON.parse(run.stdout);
  expect(pkg.format).toBe('newsgraph.package/v1');
  // speakers the graph knows are referred to by key, not defined again
  expect((pkg.actors ?? []).map((a: { key: string }) => a.key)).not.toEqual(expect.arrayContaining([ALBARES]));
  expect((pkg.actors ?? []).map((a: { key: string }) => a.key)).not.toEqual(expect.arrayContaining([LEAVITT]));

  const spain = dataOf(await stack.query(SPAIN_ON_BASE_USE)).actor.statements;
  const nodes = spain.edges.map((e: any) => e.node);
  // Albares' denial, as the article prints it: by Spain through his ministry membership
  const denial = nodes.find((n: any) => n.text.startsWith('I categorically deny any change'));
  expect(denial).toMatchObject({
    form: 'DIRECT_QUOTE',
    saidAt: '2026-03-05',
    speaker: { key: ALBARES, name: 'José Manuel Albares' },
    attestations: [{ quotedText: denial.text, source: { key: pkg.sources[0].key } }],
    extraction: { confidence: expect.any(Number), review: expect.any(Boolean) },
  });
  expect(denial.text).toBe(
    'I categorically deny any change… our stance regarding the use of bases, the conflict in the Middle East, and any airstrikes on Iran has not changed at all',
  );
  // about base use through the claim its proposed stance links, and it denies
  expect(denial.stances).toEqual(expect.arrayContaining([{ stance: 'DENIES', claim: { key: 'claim:spain-allows-us-use-of-bases-against-iran' } }]));
  // contradicted by Leavitt's claim, extracted from the same article
  const byLeavitt = denial.contradictions.filter((c: any) => c.statement.speaker.key === LEAVITT);
  expect(byLeavitt.map((c: any) => c.statement.text)).toContain('Spain agrees to cooperate with the US military in their war against Iran');
  // every statement listed is an extracted one, with its offsets in the article
  const article = await readFile(ARTICLE, 'utf8');
  for (const n of nodes) expect(article).toContain(n.text);
  for (const n of nodes) expect(n.extraction.end - n.extraction.start).toBe(n.text.length);

  // the root form agrees
  const root = dataOf(await stack.query(SAME_FROM_THE_ROOT)).statements;
  expect(root.totalCount).toBe(spain.totalCount);
  expect(root.edges.map((e: any) => e.node.key)).toEqual(nodes.map((n: any) => n.key));
  expect(root.edges.map((e: any) => e.node.contradictions)).toEqual(
    nodes.map((n: any) => n.contradictions.map((c: any) => ({ origin: c.origin, statement: { key: c.statement.key } }))),
  );
}, 120_000);

test('extracting and ingesting it again changes nothing', async () => {
  const before = await census();
  const answerBefore = dataOf(await stack.query(SPAIN_ON_BASE_USE));
  const run = await extractAndIngest();
  expect(run.code).toBe(0);
  expect(run.stderr).toMatch(/created 0, updated 0.*created 0, updated 0.*created 0, updated 0/);
  expect(await census()).toEqual(before);
  expect(dataOf(await stack.query(SPAIN_ON_BASE_USE))).toEqual(answerBefore);
}, 120_000);

const LEAVITT_AGREES = `{ statements(filter: { speaker: "${LEAVITT}", text: "agrees cooperate" }, first: 10) {
  edges { node { key text attestations { quotedText source { url } } } } } }`;

test('the same quotation from a second outlet is one statement with two attestations', async () => {
  const before = await census();
  const words = 'Spain agrees to cooperate with the US military in their war against Iran';
  const leavittAgrees = async () =>
    dataOf(await stack.query(LEAVITT_AGREES))
      .statements.edges.map((e: any) => e.node)
      .filter((n: any) => n.text.replace(/,$/, '') === words);
  const earlier = await leavittAgrees();
  expect(earlier).toHaveLength(1);
  // another outlet prints Leavitt's words with straight quotes and its own punctuation
  const file = path.join(dir, 'second-outlet.json');
  await writeFile(
    file,
    JSON.stringify({
      url: 'https://news.example.org/2026/03/05/white-house-spain-cooperation?utm_source=feed',
      title: 'White House says Madrid is on board',
      outlet: 'Example News',
      publishedAt: '2026-03-05T14:30:00Z',
      language: 'en',
      text:
        'WASHINGTON - The White House insisted on Thursday that Spain had changed course.\n\n' +
        '"Spain agrees to cooperate with the US military in their war against Iran," White House spokeswoman Karoline Leavitt said at the daily briefing.\n\n' +
        'Spanish officials could not immediately be reached for comment.',
    }),
  );
  const run = await extract([file, '--gateway', stack.gatewayUrl, '--ingest', '--token', stack.token]);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: expect.stringMatching(/loaded/) });
  const after = await census();
  expect(after.sources.totalCount).toBe(before.sources.totalCount + 1);
  const found = await leavittAgrees();
  expect(found.map((n: any) => n.key)).toEqual([earlier[0].key]);
  expect(found[0].attestations.map((a: any) => a.source.url)).toEqual([
    null,
    'https://news.example.org/2026/03/05/white-house-spain-cooperation?utm_source=feed',
  ]);
  expect(found[0].attestations[1].quotedText).toMatch(/^Spain agrees to cooperate with the US military in their war against Iran,?$/);
}, 120_000);

test('a new speaker whose apposition names a role in a known organisation rolls up once ingested', async () => {
  const file = path.join(dir, 'new-speaker.json');
  await writeFile(
    file,
    JSON.stringify({
      url: 'https://news.example.org/2026/03/06/white-house-deputy',
      title: 'White House repeats its account of the Spanish talks',
      outlet: 'Example News',
      publishedAt: '2026-03-06',
      language: 'en',
      text:
        'The White House stood by its account on Friday.\n\n' +
        '"The conversations with Madrid were constructive and they are continuing," White House deputy spokesman Tomas Reyes told reporters.',
    }),
  );
  const run = await extract([file, '--gateway', stack.gatewayUrl, '--ingest', '--token', stack.token]);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: expect.stringMatching(/loaded/) });
  const pkg = JSON.parse(run.stdout);
  // the outlet is known since the previous test: by key alone, so nothing of it is rewritten
  expect(pkg.sources[0].outlet).toEqual({ key: 'outlet:example-news' });
  const reyes = pkg.actors.find((a: any) => a.name === 'Tomas Reyes');
  expect(reyes).toMatchObject({
    kind: 'PERSON',
    memberships: [{ organization: 'org:white-house', role: expect.stringMatching(/spokesman/), from: '2026-03-06' }],
  });
  const byUs = dataOf(
    await stack.query(`{ statements(filter: { by: "country:us", speaker: "${reyes.key}" }, first: 10) { edges { node { text speaker { name } } } } }`),
  ).statements.edges.map((e: any) => e.node);
  expect(byUs).toEqual([
    { text: expect.stringMatching(/^The conversations with Madrid were constructive and they are continuing,?$/), speaker: { name: 'Tomas Reyes' } },
  ]);
}, 120_000);

test('--out writes one package per article; an undated article is listed and fails the run', async () => {
  const inputs = path.join(dir, 'in');
  const out = path.join(dir, 'out');
  await rm(inputs, { recursive: true, force: true });
  await mkdir(path.join(inputs, 'week'), { recursive: true });
  await writeFile(
    path.join(inputs, 'week', 'page.html'),
    `<!doctype html><html lang="es"><head><meta property="og:site_name" content="Diario Ejemplo">
     <meta property="article:published_time" content="2026-03-06T08:00:00+01:00">
     <link rel="canonical" href="https://diario.example.es/internacional/albares-bases">
     <title>Albares insiste en que las bases no se usarán</title></head>
     <body><nav>Portada | Internacional</nav><article><h1>Albares insiste en que las bases no se usarán</h1>
     <p>El ministro de Asuntos Exteriores, José Manuel Albares, reiteró este viernes que la posición del Gobierno no ha cambiado.</p>
     <p>«Las bases de Rota y Morón no se van a utilizar para atacar Irán», afirmó Albares en una entrevista radiofónica.</p>
     <p>La Casa Blanca no ha respondido a las declaraciones del ministro español, que llegan un día después de la polémica.</p>
     </article><footer>© Diario Ejemplo</footer></body></html>`,
  );
  // "on Monday" cannot be dated either without the day it was published
  await writeFile(
    path.join(inputs, 'undated.txt'),
    'Minister speaks\n\n"We will not change course," Foreign Minister Ana Pérez told reporters on Monday. "Nothing has been decided," she added.\n',
  );
  const run = await extract([inputs, '--out', out, '--gateway', stack.gatewayUrl]);
  expect(run.stdout).toBe('');
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/undated\.txt: \/publishedAt: no publication date found/);
  expect(run.stderr).toMatch(/undated\.txt: .*2 quotation\(s\) left out \(2 undated\)/);
  expect((await readdir(out, { recursive: true })).sort()).toEqual(['undated.package.json', 'week', path.join('week', 'page.package.json')]);
  const page = JSON.parse(await readFile(path.join(out, 'week', 'page.package.json'), 'utf8'));
  expect(page.sources[0]).toMatchObject({
    kind: 'ARTICLE',
    url: 'https://diario.example.es/internacional/albares-bases',
    outlet: { name: 'Diario Ejemplo' },
    publishedAt: '2026-03-06T08:00:00+01:00',
    language: 'es',
  });
  const quote = page.statements.find((s: any) => s.form === 'DIRECT_QUOTE');
  expect(quote).toMatchObject({ speaker: ALBARES, text: 'Las bases de Rota y Morón no se van a utilizar para atacar Irán', saidAt: '2026-03-06' });
  const undated = JSON.parse(await readFile(path.join(out, 'undated.package.json'), 'utf8'));
  expect(undated.statements ?? []).toEqual([]);
  expect(undated.sources[0].publishedAt).toBeUndefined();
}, 120_000);
