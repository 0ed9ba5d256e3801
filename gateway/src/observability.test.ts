import { ClientErrorsAtDebug } from './observability';

test("the runtime's error lines for client errors are written at debug; server failures stay at error", () => {
  const written: Array<[string, unknown, unknown]> = [];
  const writer = new ClientErrorsAtDebug({ write: (level, attrs, msg) => void written.push([level, attrs, msg]) });
  writer.write('error', { message: 'No actor with key "x"', extensions: { code: 'NOT_FOUND', serviceName: 'actors' } }, null);
  writer.write('error', { message: 'Invalid argument', extensions: { code: 'BAD_USER_INPUT' } }, null);
  writer.write('error', { message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, null);
  writer.write('error', { message: 'connect ECONNREFUSED' }, 'fetch failed');
  writer.write('warn', { extensions: { code: 'NOT_FOUND' } }, null);
  expect(written.map(([level]) => level)).toEqual(['debug', 'debug', 'error', 'error', 'warn']);
  expect(written[0][1]).toEqual({ message: 'No actor with key "x"', extensions: { code: 'NOT_FOUND', serviceName: 'actors' } });
});
