import { superviseStack, Supervisor } from '@newsgraph/tools';
import { dataOf, loadSeed, startTestStack, TestStack } from '../harness';

/**
 * `npm start`'s supervisor (tools/src/supervise.ts) over a real stack: a subgraph killed with
 * SIGKILL is started again by itself on its port, the others serve meanwhile (the gateway says
 * which subgraph is unavailable), and answers are whole again once it is back.
 */
let stack: TestStack;
let supervisor: Supervisor;
const lines: string[] = [];

beforeAll(async () => {
  // the response cache off: the test is about what the gateway gets while a subgraph is gone
  // (the same query again would be a cache hit, exactly right but not what is tested)
  stack = await startTestStack({ env: { NEWSGRAPH_RESPONSE_CACHE: 'off' } });
  await loadSeed(stack);
  supervisor = superviseStack(stack, { log: (line) => lines.push(line) });
}, 180_000);

afterAll(async () => {
  supervisor?.stop();
  await stack?.teardown();
});

const QUERY = '{ statement(key: "stmt:albares-denies-change-2026-03-04") { key attestations { source { title } } } }';

test('a crashed subgraph is restarted; meanwhile the others answer and the gateway names the missing one', async () => {
  expect(dataOf(await stack.query(QUERY)).statement.attestations[0].source.title).toMatch(/Spain/);
  const sources = stack.processes.find((p) => p.service === 'sources')!;
  const back = supervisor.restarted('sources');
  const exited = new Promise((r) => sources.child.once('exit', r));
  sources.child.kill('SIGKILL');
  await exited;
  // the statements subgraph still answers; the sources fields carry an error naming their subgraph
  const meanwhile = await stack.query(QUERY);
  expect(meanwhile.data?.statement?.key).toBe('stmt:albares-denies-change-2026-03-04');
  expect(JSON.stringify(meanwhile.errors)).toMatch(/SUBGRAPH_UNAVAILABLE|sources/);
  const fresh = await back;
  expect(fresh.child.pid).not.toBe(sources.child.pid);
  expect(lines.join('\n')).toMatch(/sources exited unexpectedly \(SIGKILL\); restarting it in 500 ms[\s\S]*sources restarted/);
  expect(dataOf(await stack.query(QUERY)).statement.attestations[0].source.title).toMatch(/Spain/);
}, 90_000);
