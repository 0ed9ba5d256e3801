import { writeFile } from 'node:fs/promises';
import { dataOf, loadSeed, startTestStack, TestStack } from '../harness';
import { writePackage } from './crowded-claim';

/**
 * Valid packages that could not be loaded, invalid ones that were stored (issue 11): each is either
 * loaded whole or refused at validation with the path of the problem, and then nothing is written.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
  await loadSeed(stack);
}, 180_000);

afterAll(async () => {
  await stack?.teardown();
});

const CENSUS = `{ actors(first: 1) { totalCount } sources(first: 1) { totalCount } outlets(first: 1) { totalCount }
  claims(first: 1) { totalCount } statements(first: 1) { totalCount } }`;
const census = async () => dataOf(await stack.query(CENSUS));

const SOURCE = 'src:novinite-2026-03-05-spain-denies';

/** A package of new actors and statements by them, each statement attested by the seed's article. */
function statementsPackage(name: string, count: number, text: (i: number) => string, extra: object = {}) {
  return {
    format: 'newsgraph.package/v1',
    actors: [{ key: `person:${name}`, kind: 'PERSON', name: `Speaker ${name}` }],
    statements: Array.from({ length: count }, (_, i) => ({
      key: `stmt:${name}-${i}`,
      speaker: `person:${name}`,
      text: text(i),
      saidAt: '2026-03-04',
      attestations: [{ source: SOURCE }],
    })),
    ...extra,
  };
}

/** Runs the CLI on a package; expects refusal at validation and nothing written. */
async function refusedWhole(pkg: unknown, problem: RegExp) {
  const before = await census();
  const result = await stack.ingest([await writePackage('pkg.json', pkg)]);
  expect(result.code).not.toBe(0);
  expect(result.stderr).toMatch(problem);
  expect(result.stderr).toMatch(/nothing of this package was written/);
  expect(result.stderr).not.toMatch(/PAYLOAD_TOO_LARGE|Unexpected error/);
  expect(await census()).toEqual(before);
}

test('2,000 statements of 2.5 KB each load whole: chunks are bounded by bytes as well as items', async () => {
  const paragraph = 'The minister told the chamber that the port agreement would be reviewed line by line. ';
  const pkg = statementsPackage('long-speaker', 2000, (i) => `${i}: ${paragraph.repeat(29)}`);
  const result = await stack.ingest([await writePackage('long.json', pkg)]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const found = dataOf(await stack.query('{ statements(filter: { speaker: "person:long-speaker" }, first: 1) { totalCount } }'));
  expect(found.statements.totalCount).toBe(2000);
}, 180_000);

test('a 1 MB statement is refused at validation, with its path', async () => {
  await refusedWhole(
    statementsPackage('huge-speaker', 1, () => 'word '.repeat(220_000)),
    /\/statements\/0\/text: the text is 1100000 bytes in UTF-8/,
  );
});

test('a statement larger than any request (its attestations) is refused at validation, with its path', async () => {
  const quoted = 'quoted at length '.repeat(4000);
  const pkg = statementsPackage('quoted-speaker', 1, () => 'A short remark');
  (pkg.statements[0] as any).attestations = Array.from({ length: 20 }, () => ({ source: SOURCE, quotedText: quoted }));
  await refusedWhole(pkg, /\/statements\/0: is \d+ bytes as sent; one write request holds at most \d+ \(the gateway refuses bodies over 1 MiB\)/);
});

test('an actor with 40,000 aliases is refused at validation, before the first write', async () => {
  const aliases = Array.from({ length: 40_000 }, (_, i) => `Alias number ${i} of the much-named`);
  // refused by the aliases' bound (100 an actor), which also keeps any actor well inside one request
  await refusedWhole(
    { format: 'newsgraph.package/v1', actors: [{ key: 'person:much-named', kind: 'PERSON', name: 'Much Named', aliases }] },
    /\/actors\/0\/aliases: aliases: 40000 given, at most 100 per item/,
  );
});

test('a NUL character in any text is refused at validation with its path', async () => {
  await refusedWhole(
    statementsPackage('nul-speaker', 2, (i) => (i === 1 ? 'We will\u0000 not comment' : 'No comment')),
    /\/statements\/1\/text: must not contain the NUL character/,
  );
});

test('a text whose search vector would pass 1 MB is refused at validation', async () => {
  const words = Array.from({ length: 40_000 }, (_, i) => `w${i.toString(36)}`).join(' ');
  await refusedWhole(
    statementsPackage('vector-speaker', 1, () => words),
    /\/statements\/0\/text: the text is \d+ bytes in UTF-8; the database holds at most 100000/,
  );
});

test('through the gateway, a write with a NUL is BAD_USER_INPUT naming the variable path', async () => {
  const res = await stack.query(
    'mutation W($c: [ClaimInput!]!) { upsertStatements(claims: $c) { created } }',
    { c: [{ key: 'claim:nul-claim', text: 'A claim\u0000 with a NUL' }] },
    { authorization: `Bearer ${stack.token}` },
  );
  expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(res.errors?.[0]?.message).toMatch(/Variable "\$c\.0\.text" contains the NUL character/);
});

test('a package citing 25 known outlets by key loads (lookups stay within the root-field limit)', async () => {
  const outlets = Array.from({ length: 25 }, (_, i) => ({
    key: `src:outlet-maker-${i}`,
    kind: 'ARTICLE',
    url: `https://example.org/outlets/${i}/first`,
    title: `First article of outlet ${i}`,
    outlet: { key: `outlet:example-${i}`, name: `Example Outlet ${i}` },
  }));
  expect((await stack.ingest([await writePackage('outlets.json', { format: 'newsgraph.package/v1', sources: outlets })])).code).toBe(0);
  const byKey = outlets.map((s, i) => ({ ...s, key: `src:outlet-user-${i}`, url: `https://example.org/outlets/${i}/second`, outlet: { key: s.outlet.key } }));
  const result = await stack.ingest([await writePackage('by-key.json', { format: 'newsgraph.package/v1', sources: byKey })]);
  expect(result.stderr).not.toMatch(/TOO_MANY_ROOT_FIELDS/);
  expect(result.code).toBe(0);
});

describe('invalid UTF-8 is refused as not valid JSON, saying where', () => {
  const latin1 = Buffer.concat([
    Buffer.from('{"format":"newsgraph.package/v1",\n"actors":[{"key":"country:xx","kind":"COUNTRY","name":"Espa'),
    Buffer.from([0xf1]),
    Buffer.from('a"}]}'),
  ]);

  test('by the CLI', async () => {
    const before = await census();
    const file = await writePackage('latin1.json', {});
    await writeFile(file, latin1);
    const result = await stack.ingest([file]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/line 2, column 60: not valid JSON: invalid UTF-8 at byte 93;/);
    expect(await census()).toEqual(before);
  });

  test('by the gateway, in a raw request', async () => {
    const body = Buffer.concat([Buffer.from('{"query":"{ actors(search: \\"Espa'), Buffer.from([0xf1]), Buffer.from('a\\") { totalCount } }"}')]);
    const res = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body,
    });
    expect(res.status).toBe(400);
    const answer: any = await res.json();
    expect(answer.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(answer.errors[0].message).toMatch(/not valid JSON: invalid UTF-8 at byte 33 \(line 1, column 34\)/);
  });
});

describe('a write names only things that exist, whoever sends it', () => {
  const WRITE = 'mutation W($s: [StatementInput!]!) { upsertStatements(statements: $s) { created } }';
  const write = (statement: object) =>
    stack.query(
      WRITE,
      { s: [{ text: 'We have nothing to add', saidAt: '2026-03-05', attestations: [{ source: SOURCE }], ...statement }] },
      {
        authorization: `Bearer ${stack.token}`,
      },
    );
  const problems = (res: Awaited<ReturnType<typeof write>>) =>
    (res.errors?.[0]?.extensions?.problems as Array<{ path: string }> | undefined)?.map((p) => p.path);

  test('a speaker that names nothing, or names an item of another kind, is refused with its path', async () => {
    const before = await census();
    const nobody = await write({ key: 'stmt:by-nobody', speaker: 'person:nobody-at-all' });
    expect(nobody.errors?.[0]?.extensions?.code).toBe('INVALID_PACKAGE');
    expect(problems(nobody)).toEqual(['/statements/0/speaker']);
    const aSource = await write({ key: 'stmt:by-a-source', speaker: SOURCE, onBehalfOf: 'claim:spain-agreed-to-cooperate-with-us-military-against-iran' });
    expect(problems(aSource)).toEqual(['/statements/0/speaker', '/statements/0/onBehalfOf']);
    expect(await census()).toEqual(before);
  });

  test('an attestation whose source names nothing is refused with its path', async () => {
    const res = await write({
      key: 'stmt:unsourced',
      speaker: 'person:jose-manuel-albares',
      attestations: [{ source: SOURCE }, { source: 'src:never-published' }],
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('INVALID_PACKAGE');
    expect(problems(res)).toEqual(['/statements/0/attestations/1/source']);
  });

  test('a write naming what exists is written, and reads its speaker back', async () => {
    expect(dataOf(await write({ key: 'stmt:albares-nothing-to-add', speaker: 'person:jose-manuel-albares' })).upsertStatements.created).toBe(1);
    const read = dataOf(await stack.query('{ statement(key: "stmt:albares-nothing-to-add") { speaker { name } } }'));
    expect(read.statement.speaker.name).toBe('José Manuel Albares');
  });
});
