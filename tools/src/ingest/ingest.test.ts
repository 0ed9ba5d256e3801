import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { captureOutput, fakeGateway } from './fake-gateway';
import { createGatewayClient, MAX_RATE_LIMIT_WAITS } from './gateway-client';
import { ingestPackage, parseJson } from './ingest-package';
import { runIngest } from './run';
import { resolveThroughGateway } from './resolve';

// tools/dist/ingest/ -> repository root
const SEED_FILE = path.resolve(__dirname, '../../../fixtures/seed/spain-denies-us-claims.package.json');
const SEED = readFileSync(SEED_FILE, 'utf8');
const URL = 'http://gateway.test/graphql';
const TOKEN = 'secret-token';

function setup(options: Parameters<typeof fakeGateway>[0] = {}) {
  const gateway = fakeGateway(options);
  const printed = captureOutput();
  const client = createGatewayClient({ url: URL, token: TOKEN, fetch: gateway.fetch });
  const ingest = (text: string) => ingestPackage('pkg.json', text, client, printed.output);
  return { gateway, printed, ingest };
}

const pkg = (body: object) => JSON.stringify({ format: 'newsgraph.package/v1', ...body });

test('the seed package: actors, then sources, then claims with statements, with the token; one summary line', async () => {
  const { gateway, printed, ingest } = setup();
  expect(await ingest(SEED)).toBe('loaded');
  // self-contained: nothing to look up
  expect(gateway.requests.map((r) => r.field)).toEqual(['upsertActors', 'upsertSources', 'upsertStatements']);
  for (const r of gateway.requests) {
    expect(r.url).toBe(URL);
    expect(r.authorization).toBe(`Bearer ${TOKEN}`);
  }
  const [actors, sources, statements] = gateway.requests;
  expect(actors.query).toBe('mutation IngestActors($a:[ActorInput!]!){ upsertActors(actors:$a){ created updated unchanged keys } }');
  // dependency order inside the list: a parent before its parts
  const keys = actors.variables.a.map((a: any) => a.key);
  expect(keys.indexOf('country:es')).toBeLessThan(keys.indexOf('org:es-government'));
  expect(actors.variables.a[0].aliases.every((a: unknown) => typeof a === 'object')).toBe(true);
  expect(sources.variables.s.map((s: any) => s.key).pop()).toBe('src:novinite-2026-03-05-spain-denies');
  expect(statements.variables.c).toHaveLength(2);
  expect(statements.variables.s).toHaveLength(6);
  expect(printed.err).toEqual([]);
  expect(printed.out).toEqual([
    'loaded pkg.json: actors 11 (created 11, updated 0, unchanged 0), sources 3 (created 3, updated 0, unchanged 0), ' +
      'claims+statements 8 (created 8, updated 0, unchanged 0)',
  ]);
});

test('derived keys are sent filled in; empty lists are not sent', async () => {
  const { gateway, ingest } = setup({ existing: { actorsByKeys: ['person:x'] } });
  const doc = pkg({ sources: [{ url: 'https://example.com/a', kind: 'ARTICLE' }] });
  expect(await ingest(doc)).toBe('loaded');
  expect(gateway.requests.map((r) => r.field)).toEqual(['upsertSources']);
  expect(gateway.requests[0].variables.s[0].key).toMatch(/^src:[0-9a-f]{20}$/);
});

test('an invalid package: every problem printed, no request sent at all', async () => {
  const { gateway, printed, ingest } = setup();
  const doc = pkg({ actors: [{ key: 'Bad Key', name: '' }], statements: [{ speaker: 'person:x', text: 't', saidAt: 'now', attestations: [] }] });
  expect(await ingest(doc)).toBe('invalid');
  expect(printed.err).toEqual([
    expect.stringMatching(/^pkg\.json: \/actors\/0\/key: "Bad Key" is not a valid key/),
    'pkg.json: /actors/0/name: must not be blank',
    'pkg.json: /statements/0/attestations: needs at least one attestation (a source reporting the statement)',
    expect.stringMatching(/^pkg\.json: \/statements\/0\/saidAt: "now" is neither a day/),
    // the references are looked up even so, to list every problem in one run
    'pkg.json: /statements/0/speaker: unknown actor "person:x" (not in this package and not ingested before)',
    'pkg.json: 5 problem(s); nothing of this package was written',
  ]);
  expect(gateway.requests.map((r) => r.field)).toEqual(['actorsByKeys']);
  expect(gateway.writes()).toEqual([]);
  expect(printed.out).toEqual([]);
});

test('an unknown reference: looked up through the gateway, reported where used, nothing written', async () => {
  const { gateway, printed, ingest } = setup({ existing: { actorsByKeys: ['person:known'], sourcesByKeys: ['src:known'] } });
  const doc = pkg({
    actors: [{ key: 'person:new', name: 'New', memberships: [{ organization: 'org:nowhere' }] }],
    statements: [
      { speaker: 'person:known', text: 'a', saidAt: '2026-03-04', attestations: [{ source: 'src:known' }] },
      { speaker: 'person:new', text: 'b', saidAt: '2026-03-04', stances: [{ claim: 'claim:gone', stance: 'DENIES' }], attestations: [{ source: 'src:known' }] },
    ],
  });
  expect(await ingest(doc)).toBe('invalid');
  const lookups = gateway.requests.map((r) => [r.query, r.variables, r.authorization]);
  expect(lookups).toEqual(
    expect.arrayContaining([
      ['query($k:[String!]!){ actorsByKeys(keys:$k){ key } }', { k: ['org:nowhere', 'person:known'] }, undefined],
      ['query($k:[String!]!){ sourcesByKeys(keys:$k){ key } }', { k: ['src:known'] }, undefined],
      ['query($k:[String!]!){ claimsByKeys(keys:$k){ key } }', { k: ['claim:gone'] }, undefined],
    ]),
  );
  expect(gateway.writes()).toEqual([]);
  expect(printed.err).toEqual([
    'pkg.json: /actors/0/memberships/0/organization: unknown actor "org:nowhere" (not in this package and not ingested before)',
    'pkg.json: /statements/1/stances/0/claim: unknown claim "claim:gone" (not in this package and not ingested before)',
    'pkg.json: 2 problem(s); nothing of this package was written',
  ]);
});

test('outlets named by key only are looked up', async () => {
  const { gateway, printed, ingest } = setup({ existing: { outlet: ['outlet:known'] } });
  const doc = pkg({
    sources: [
      { key: 'src:a', kind: 'OTHER', outlet: { key: 'outlet:known' } },
      { key: 'src:b', kind: 'OTHER', outlet: { key: 'outlet:unknown' } },
    ],
  });
  expect(await ingest(doc)).toBe('invalid');
  expect(gateway.requests[0].query).toBe('query($k0:String!,$k1:String!){ o0: outlet(key:$k0){ key } o1: outlet(key:$k1){ key } }');
  expect(printed.err[0]).toBe(
    'pkg.json: /sources/1/outlet/key: unknown outlet "outlet:unknown" (not named in this package and not ingested before; give its name to create it)',
  );
});

test('reference lookups go in batches of at most 500 keys', async () => {
  const { gateway, ingest } = setup();
  const statements = Array.from({ length: 1201 }, (_, i) => ({
    key: `stmt:${i}`,
    speaker: `person:p${i}`,
    text: 't',
    saidAt: '2026-03-04',
    attestations: [{ source: 'src:s' }],
  }));
  await ingest(pkg({ statements }));
  const sizes = gateway.requests.filter((r) => r.field === 'actorsByKeys').map((r) => r.variables.k.length);
  expect(sizes).toEqual([500, 500, 201]);
});

test('large lists are written in chunks of at most 500 items, counts added up', async () => {
  const { gateway, printed, ingest } = setup();
  const actors = Array.from({ length: 1001 }, (_, i) => ({ key: `person:p${i}`, name: `P${i}` }));
  expect(await ingest(pkg({ actors }))).toBe('loaded');
  expect(gateway.writes().map((r) => r.variables.a.length)).toEqual([500, 500, 1]);
  expect(printed.out[0]).toMatch(/^loaded pkg\.json: actors 1001 \(created 1001, updated 0, unchanged 0\), sources 0/);
});

test('a refused write prints code, message and every problem with its path in the file; writes that name what it held are not sent', async () => {
  const { gateway, printed, ingest } = setup({
    refuse: {
      upsertSources: {
        message: 'Input refused, nothing was written: /sources/0/outlet: no outlet',
        extensions: { code: 'INVALID_PACKAGE', problems: [{ path: '/sources/0/outlet', message: 'no outlet with key "outlet:x"' }] },
      },
    },
  });
  const doc = pkg({
    actors: [{ key: 'person:x', name: 'X' }],
    // src:b derives from src:a, so src:a is sent first: the server's /sources/0 is the file's /sources/1
    sources: [
      { key: 'src:b', kind: 'OTHER', derivedFrom: ['src:a'] },
      { key: 'src:a', kind: 'OTHER' },
    ],
    // cites src:a: waits for the sources, so it is never sent
    statements: [{ key: 'stmt:s', speaker: 'person:x', text: 't', saidAt: '2026-03-04', attestations: [{ source: 'src:a' }] }],
  });
  expect(await ingest(doc)).toBe('refused');
  expect(gateway.writes().map((r) => r.field)).toEqual(['upsertActors', 'upsertSources']);
  expect(printed.err).toEqual([
    'pkg.json: upsertSources failed [INVALID_PACKAGE]: Input refused, nothing was written: /sources/0/outlet: no outlet',
    'pkg.json: /sources/1/outlet: no outlet with key "outlet:x"',
    expect.stringMatching(/^pkg\.json: actors of this package were written before that; .* run the same command again/),
  ]);
});

test('a refused token stops the run', async () => {
  const { printed, ingest } = setup({ refuse: { upsertActors: { message: 'A valid write token is required', extensions: { code: 'UNAUTHENTICATED' } } } });
  expect(await ingest(pkg({ actors: [{ key: 'person:x', name: 'X' }] }))).toBe('fatal');
  expect(printed.err[0]).toBe('pkg.json: upsertActors failed [UNAUTHENTICATED]: A valid write token is required');
});

test('an unreachable gateway is reported with its url', async () => {
  const { printed, ingest } = setup({ unreachable: true });
  expect(await ingest(pkg({ actors: [{ key: 'person:x', name: 'X' }] }))).toBe('fatal');
  expect(printed.err).toEqual([`pkg.json: cannot reach the gateway at ${URL}: fetch failed (ECONNREFUSED)`]);
});

test('JSON syntax errors give line and column', () => {
  expect(parseJson('{\n  "format": "x",\n  "actors": [}\n')).toEqual({ where: 'line 3, column 14', message: expect.stringMatching(/^not valid JSON: /) });
  expect(parseJson('')).toMatchObject({ where: 'line 1, column 1' });
  expect(parseJson('{"a": 1} x')).toMatchObject({ where: 'line 1, column 10' });
  expect(parseJson('{"a": [1, 2,\n  3}')).toMatchObject({ where: 'line 2, column 4' });
  expect(parseJson('{"a": "unterminated')).toMatchObject({ where: 'line 1, column 20' });
  expect(parseJson('\ufeff{"a":1}')).toEqual({ doc: { a: 1 } });
});

describe('runIngest', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ingest-run-'));
    mkdirSync(path.join(dir, 'pkgs'));
    writeFileSync(path.join(dir, 'pkgs', '1-seed.json'), SEED);
    writeFileSync(path.join(dir, 'pkgs', '2-broken.json'), '{"format": ');
    writeFileSync(path.join(dir, 'pkgs', '3-more.json'), pkg({ claims: [{ key: 'claim:z', text: 'z' }] }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (argv: string[], gateway = fakeGateway(), env: Record<string, string> = {}) => {
    const printed = captureOutput();
    return runIngest(argv, env, { fetch: gateway.fetch, output: printed.output, cwd: dir, startDir: dir }).then((code) => ({ code, printed, gateway }));
  };

  test('a folder: every package in name order; a broken one does not stop the others; exit 1', async () => {
    const { code, printed, gateway } = await run(['pkgs', '--token', 't', '--url', URL]);
    expect(code).toBe(1);
    expect(printed.out).toEqual([expect.stringMatching(/^loaded pkgs\/1-seed\.json: /), expect.stringMatching(/^loaded pkgs\/3-more\.json: /)]);
    expect(printed.err).toEqual([expect.stringMatching(/^pkgs\/2-broken\.json: line 1, column \d+: not valid JSON/), 'ingest: 1 of 3 package(s) not loaded']);
    expect(gateway.writes().map((r) => r.authorization)).toEqual(Array(4).fill('Bearer t'));
  });

  test('everything loaded: exit 0; the token and url may come from the environment', async () => {
    const { code, gateway } = await run(['pkgs/3-more.json'], fakeGateway(), { NEWSGRAPH_TOKEN: 'env-token', NEWSGRAPH_URL: 'http://env/graphql' });
    expect(code).toBe(0);
    expect(gateway.requests.map((r) => [r.url, r.authorization])).toEqual([['http://env/graphql', 'Bearer env-token']]);
  });

  test('a fatal error stops the run', async () => {
    const { code, printed } = await run(['pkgs', '--token', 't'], fakeGateway({ unreachable: true }));
    expect(code).toBe(1);
    expect(printed.err).toEqual([
      'pkgs/1-seed.json: cannot reach the gateway at http://localhost:4000/graphql: fetch failed (ECONNREFUSED)',
      'ingest: stopped; 2 more package(s) not tried',
      'ingest: 3 of 3 package(s) not loaded',
    ]);
  });

  test('usage and setup errors exit 2 before any request', async () => {
    const noToken = await run(['pkgs']);
    expect(noToken.code).toBe(2);
    expect(noToken.printed.err[0]).toMatch(/^ingest: no write token/);
    const missing = await run(['nope', '--token', 't']);
    expect(missing.code).toBe(2);
    expect(missing.printed.err).toEqual(['ingest: nope: no such file or folder']);
    expect((await run([])).code).toBe(2);
    expect(noToken.gateway.requests).toEqual([]);
  });
});

describe('the write rate limit', () => {
  const limited = (seconds: number) => ({
    status: 429,
    text: async () =>
      JSON.stringify({
        errors: [{ message: `Too many writes: at most 30 mutation fields per 10 s. Retry in ${seconds} s.`, extensions: { code: 'RATE_LIMITED' } }],
      }),
  });
  const ok = { status: 200, text: async () => JSON.stringify({ data: { upsertActors: { created: 1 } } }) };

  test('a write refused with RATE_LIMITED is sent again after the wait the gateway names', async () => {
    const answers = [limited(2), limited(7), ok];
    const bodies: string[] = [];
    const waits: number[] = [];
    const client = createGatewayClient({
      url: URL,
      token: TOKEN,
      fetch: async (_url, init) => {
        bodies.push(init.body);
        return answers.shift()!;
      },
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    await expect(client.request('upsertActors', 'mutation { upsertActors(actors: []) { created } }', {}, { write: true })).resolves.toEqual({
      upsertActors: { created: 1 },
    });
    expect(waits).toEqual([2000, 7000]);
    expect(bodies).toHaveLength(3);
    expect(new Set(bodies).size).toBe(1);
  });

  test('it gives up after MAX_RATE_LIMIT_WAITS waits, and never retries reads', async () => {
    let calls = 0;
    const waits: number[] = [];
    const client = createGatewayClient({
      url: URL,
      token: TOKEN,
      fetch: async () => {
        calls += 1;
        return limited(1);
      },
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    await expect(client.request('upsertActors', 'mutation { x }', {}, { write: true })).rejects.toThrow(/RATE_LIMITED|Too many writes/);
    expect(waits).toHaveLength(MAX_RATE_LIMIT_WAITS);
    expect(calls).toBe(MAX_RATE_LIMIT_WAITS + 1);
    calls = 0;
    await expect(client.request('actorsByKeys', 'query { x }', {})).rejects.toThrow(/Too many writes/);
    expect(calls).toBe(1);
  });
});

test('lookups of one kind go up to four at a time, and every answer is used', async () => {
  let open = 0;
  let maxOpen = 0;
  const client = createGatewayClient({
    url: URL,
    token: TOKEN,
    fetch: async (_url, init) => {
      open += 1;
      maxOpen = Math.max(maxOpen, open);
      // held open a moment, as a real round trip is, so that the lookups in flight overlap
      await new Promise((r) => setTimeout(r, 5));
      open -= 1;
      const keys: string[] = JSON.parse(init.body).variables.k;
      // every key with an even number exists
      return {
        status: 200,
        text: async () => JSON.stringify({ data: { claimsByKeys: keys.map((k) => (Number(k.split(':')[1]) % 2 === 0 ? { key: k } : null)) } }),
      };
    },
  });
  const claims = Array.from({ length: 2600 }, (_, i) => `claim:${i}`);
  const existing = await resolveThroughGateway(client)({ actors: [], sources: [], claims, statements: [], outlets: [] });
  expect(maxOpen).toBe(4);
  expect(existing.claims.size).toBe(1300);
  expect(existing.claims.has('claim:2598')).toBe(true);
  expect(existing.claims.has('claim:2599')).toBe(false);
});
