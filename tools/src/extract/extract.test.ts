import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { captureOutput, fakeGateway } from '../ingest/fake-gateway';
import { FetchLike } from '../ingest/gateway-client';
import { parseArgs, UsageError } from './args';
import { discoverArticles } from './files';
import { EXIT, runExtract } from './run';

const SEED_ARTICLE = path.resolve(__dirname, '../../../fixtures/seed/000_7254b9545039598a.txt');
const URL = 'http://gateway.test/graphql';

describe('arguments', () => {
  test('inputs and options, in any order, with = or a separate value', () => {
    expect(parseArgs(['a.txt', '--gateway', URL, '--out=o', 'b', '--ingest', '--token', 't'])).toEqual({
      inputs: ['a.txt', 'b'],
      gateway: URL,
      out: 'o',
      ingest: true,
      token: 't',
      help: false,
    });
    expect(parseArgs(['--', '--odd-name.txt'])).toMatchObject({ inputs: ['--odd-name.txt'] });
    expect(parseArgs(['-h'])).toMatchObject({ help: true });
  });

  test.each([
    [[], 'no file or folder given'],
    [['a.txt', '--gateway'], '--gateway needs a value'],
    [['a.txt', '--out', '--ingest'], '--out needs a value'],
    [['a.txt', '--url', 'x'], 'unknown option --url'],
    [['a.txt', '--token', 't'], '--token is only for --ingest'],
  ])('%j: %s', (argv, message) => {
    expect(() => parseArgs(argv as string[])).toThrow(new UsageError(message));
  });
});

describe('finding articles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'extract-files-'));
    mkdirSync(path.join(dir, 'b'));
    for (const f of ['z.txt', 'a.json', 'a.gold.json', 'a.package.json', 'notes.md', 'b/page.html', 'b/a.txt']) writeFileSync(path.join(dir, f), 'x');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('a folder: every article inside, sorted, packages and gold annotations left out', async () => {
    const found = await discoverArticles([dir], dir);
    expect(found.map((f) => [path.relative(dir, f.file), f.outName])).toEqual([
      ['a.json', 'a.package.json'],
      [path.join('b', 'a.txt'), path.join('b', 'a.package.json')],
      [path.join('b', 'page.html'), path.join('b', 'page.package.json')],
      ['z.txt', 'z.package.json'],
    ]);
  });

  test('two inputs that would write the same package keep their extension', async () => {
    writeFileSync(path.join(dir, 'a.txt'), 'x');
    const found = await discoverArticles(['a.json', 'a.txt', 'a.json'], dir);
    expect(found.map((f) => f.outName)).toEqual(['a.json.package.json', 'a.txt.package.json']);
  });

  test('what is not there, or not an article, is said', async () => {
    await expect(discoverArticles(['missing.txt'], dir)).rejects.toThrow('missing.txt: no such file or folder');
    await expect(discoverArticles(['notes.md'], dir)).rejects.toThrow('notes.md: not an article file (expected .json, .html, .htm, .txt)');
    mkdirSync(path.join(dir, 'empty'));
    await expect(discoverArticles(['empty'], dir)).rejects.toThrow('empty: no article');
  });
});

describe('runExtract', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'extract-run-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const deps = (printed: ReturnType<typeof captureOutput>, fetch: FetchLike = fakeGateway().fetch) => ({
    fetch,
    output: printed.output,
    cwd: dir,
    startDir: dir,
  });

  test('one article, no --out: the package alone on stdout, the summary on stderr', async () => {
    const printed = captureOutput();
    expect(await runExtract([SEED_ARTICLE], {}, deps(printed))).toBe(EXIT.OK);
    expect(printed.out).toHaveLength(1);
    const pkg = JSON.parse(printed.out[0]);
    expect(pkg.format).toBe('newsgraph.package/v1');
    expect(pkg.sources[0]).toMatchObject({ kind: 'OTHER', publishedAt: '2026-03-05', title: expect.stringMatching(/^Spain Denies US Claims/) });
    expect(pkg.statements.length).toBeGreaterThan(3);
    expect(printed.err).toEqual([expect.stringMatching(/000_7254b9545039598a\.txt: \d+ statement\(s\) \(\d+ to review\), \d+ new actor\(s\)/)]);
  });

  test('several articles need --out; with it, one package each and nothing on stdout', async () => {
    writeFileSync(
      path.join(dir, 'one.json'),
      JSON.stringify({ text: '"We will build the bridge," Mayor Ann Cole said on Monday.', publishedAt: '2026-03-04' }),
    );
    writeFileSync(path.join(dir, 'two.txt'), 'Headline\n\nNo quotation here at all.');
    const printed = captureOutput();
    expect(await runExtract([dir], {}, deps(printed))).toBe(EXIT.USAGE);
    expect(printed.err[0]).toMatch(/^extract: 2 articles: give --out <folder>/);

    const again = captureOutput();
    // two.txt has no date, but no quotation was lost for it: listed, not a failure
    expect(await runExtract([dir, '--out', 'out'], {}, deps(again))).toBe(EXIT.OK);
    expect(again.out).toEqual([]);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['one.package.json', 'two.package.json']);
    const one = JSON.parse(readFileSync(path.join(dir, 'out', 'one.package.json'), 'utf8'));
    expect(one.statements[0]).toMatchObject({ text: expect.stringMatching(/^We will build the bridge,?$/), saidAt: '2026-03-02', form: 'DIRECT_QUOTE' });
    expect(again.err).toContain(
      'two.txt: /publishedAt: no publication date found: statements the article does not date otherwise are left out (the day of extraction is never used)',
    );
  });

  test('an article that cannot be read: listed, no package, exit 1', async () => {
    writeFileSync(path.join(dir, 'bad.json'), '{"title": "no text"}');
    const printed = captureOutput();
    expect(await runExtract(['bad.json'], {}, deps(printed))).toBe(EXIT.NOT_ALL);
    expect(printed.out).toEqual([]);
    expect(printed.err).toEqual([
      'bad.json: /text: is missing: give the article as `text` or as `html`',
      'bad.json: not read as an article; no package',
      'extract: 1 of 1 article(s) not fully read',
    ]);
  });

  test('--ingest writes through the ingest machinery with the token, and looks speakers up first', async () => {
    const gateway = fakeGateway();
    const asked: string[] = [];
    // the fake answers writes and key lookups; searches for actors and claims find nothing
    const fetch: FetchLike = async (url, init) => {
      const { query } = JSON.parse(init.body);
      const search = /ExtractFindActors|ExtractListClaims/.exec(query)?.[0];
      if (!search) return gateway.fetch(url, init);
      asked.push(search);
      const data = search === 'ExtractFindActors' ? { actors: { edges: [] } } : { claims: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } };
      return { status: 200, text: async () => JSON.stringify({ data }) };
    };
    const printed = captureOutput();
    expect(await runExtract([SEED_ARTICLE, '--ingest', '--gateway', URL], { NEWSGRAPH_TOKEN: 'tok' }, deps(printed, fetch))).toBe(EXIT.OK);
    expect(asked).toContain('ExtractFindActors');
    expect(asked).toContain('ExtractListClaims');
    expect(gateway.writes().map((w) => [w.field, w.authorization])).toEqual([
      ['upsertActors', 'Bearer tok'],
      ['upsertSources', 'Bearer tok'],
      ['upsertStatements', 'Bearer tok'],
    ]);
    expect(printed.out).toHaveLength(1); // still only the package
    expect(printed.err.some((l) => l.startsWith('loaded '))).toBe(true);
  });

  test('an unreachable gateway stops the run with the reason', async () => {
    const printed = captureOutput();
    const code = await runExtract([SEED_ARTICLE, '--gateway', URL], {}, deps(printed, fakeGateway({ unreachable: true }).fetch));
    expect(code).toBe(EXIT.NOT_ALL);
    expect(printed.out).toEqual([]);
    expect(printed.err[0]).toMatch(/cannot reach the gateway at http:\/\/gateway\.test\/graphql/);
  });

  test('--ingest without a token says where a token comes from', async () => {
    const printed = captureOutput();
    expect(await runExtract([SEED_ARTICLE, '--ingest'], {}, deps(printed))).toBe(EXIT.USAGE);
    expect(printed.err[0]).toMatch(/^extract: no write token: pass --token/);
  });
});
