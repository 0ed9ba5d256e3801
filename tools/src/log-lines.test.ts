import { terminalLine } from './log-lines';

const json = (o: object) => JSON.stringify({ time: '2026-03-04T10:00:00.000Z', service: 'actors', ...o });

describe('npm start shows its services compactly', () => {
  test('what a service did, without the JSON', () => {
    expect(terminalLine('actors', json({ level: 'info', msg: 'subgraph ready at http://127.0.0.1:4001/graphql', url: 'x' }))).toBe(
      '[actors] subgraph ready at http://127.0.0.1:4001/graphql',
    );
  });
  test('one line per request stays in the log file, unless it failed loudly', () => {
    expect(terminalLine('gateway', json({ level: 'info', msg: 'request completed', requestId: 'r', status: 200 }))).toBeUndefined();
    expect(terminalLine('gateway', json({ level: 'debug', msg: 'planning' }))).toBeUndefined();
  });
  test('warnings and errors, with the fields that find them in the log', () => {
    expect(terminalLine('statements', json({ level: 'warn', msg: 'live feed: LISTEN connection lost', requestId: 'abc' }))).toBe(
      '[statements] WARN live feed: LISTEN connection lost (requestId=abc)',
    );
    expect(terminalLine('gateway', json({ level: 'error', msg: 'masked error', errorId: 'e1', err: { message: 'boom' } }))).toBe(
      '[gateway] ERROR masked error (errorId=e1, error=boom)',
    );
  });
  test("the gateway runtime's error objects show their message", () => {
    expect(terminalLine('gateway', json({ level: 'error', requestId: 'r1', message: 'No actor', extensions: { code: 'NOT_FOUND' } }))).toBe(
      '[gateway] ERROR No actor (requestId=r1, code=NOT_FOUND)',
    );
  });
  test('lines that are not JSON pass through', () => {
    expect(terminalLine('actors', 'plain text')).toBe('[actors] plain text');
    expect(terminalLine('actors', '42')).toBe('[actors] 42');
  });
});
