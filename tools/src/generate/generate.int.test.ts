import { randomBytes } from 'node:crypto';
import { dropDatabase } from '@newsgraph/kit';
import { postGraphQL, testServerUrl } from '@newsgraph/kit/testing';
import { Stack, startStack } from '../stack';
import { generateCorpus, GenerateReport } from './index';
import { databaseUrlFor, SERVICES } from './load';

jest.setTimeout(240_000);

const prefix = `t_gen_${randomBytes(4).toString('hex')}_`;
let report: GenerateReport;
let stack: Stack;

beforeAll(async () => {
  report = await generateCorpus({ databaseUrl: testServerUrl(), prefix, statements: 2_000, seed: 7 });
  stack = await startStack({ databaseUrl: testServerUrl(), databasePrefix: prefix, writeTokens: ['t'], log: () => undefined });
});

afterAll(async () => {
  await stack?.stop();
  for (const s of SERVICES) await dropDatabase(databaseUrlFor(testServerUrl(), `${prefix}${s}`));
});

const q = async (query: string, variables?: Record<string, unknown>) => {
  const res = await postGraphQL(stack.gatewayUrl, query, variables);
  expect(res.errors).toBeUndefined();
  return res.data;
};

test('the report counts every table and the gateway sees the same statements', async () => {
  expect(report.rows['statements.statement']).toBe(2_000);
  for (const [table, n] of Object.entries(report.rows)) expect({ table, n: n > 0 }).toEqual({ table, n: true });
  const data = await q('{ statements { totalCount } }');
  expect(data.statements.totalCount).toBe(2_000);
});

test('statements by a generated country roll up through ministries and memberships, as the generator expects', async () => {
  for (const code of ['us', 'es']) {
    const data = await q('query($by: String!) { statements(filter: { by: $by }) { totalCount } }', { by: `country:${code}` });
    expect(data.statements.totalCount).toBeGreaterThan(0);
    expect(data.statements.totalCount).toBe(report.expect.byCountry[code]);
  }
  const topic = await q('query($by: String!, $t: String!) { statements(filter: { by: $by, topic: $t }) { totalCount } }', {
    by: 'country:us',
    t: 'sanctions',
  });
  expect(topic.statements.totalCount).toBe(report.expect.byCountryAndTopic['us|sanctions'] ?? 0);
});

test('opposite stances and CONTRADICTS relations give contradictions, with fields from every subgraph', async () => {
  expect(report.expect.contestedClaims).toBeGreaterThan(0);
  const data = await q(`{
    actor(key: "country:us") { name statements(first: 100) { edges { node {
      key speaker { name } attestations { source { url outlet { name } } }
      contradictions { origin statement { key speaker { name } } }
    } } } }
  }`);
  const nodes = data.actor.statements.edges.map((e: any) => e.node);
  expect(nodes.some((n: any) => n.contradictions.length > 0)).toBe(true);
  expect(nodes.every((n: any) => n.attestations.length > 0 && n.attestations[0].source.outlet.name)).toBe(true);
  const origins = new Set(nodes.flatMap((n: any) => n.contradictions.map((c: any) => c.origin)));
  expect(origins.has('DERIVED')).toBe(true);
});

test('the same seed gives the same corpus', async () => {
  const other = `t_gen_${randomBytes(4).toString('hex')}_`;
  try {
    const again = await generateCorpus({ databaseUrl: testServerUrl(), prefix: other, statements: 2_000, seed: 7 });
    expect(again.rows).toEqual(report.rows);
    expect(again.expect).toEqual(report.expect);
  } finally {
    for (const s of SERVICES) await dropDatabase(databaseUrlFor(testServerUrl(), `${other}${s}`));
  }
});
