import { checkReceiverUrl, isPrivateHost } from './webhook.url';

test('receivers are absolute http(s) URLs without credentials', () => {
  expect(checkReceiverUrl('https://hooks.example.org/newsgraph', false)).toBeNull();
  expect(checkReceiverUrl('ftp://hooks.example.org/x', true)).toMatch(/http or https/);
  expect(checkReceiverUrl('/relative', true)).toMatch(/not an absolute URL/);
  expect(checkReceiverUrl('https://user:pw@hooks.example.org/', true)).toMatch(/credentials/);
});

test('private, loopback and link-local receivers are refused unless allowed', () => {
  for (const host of [
    '127.0.0.1',
    'localhost',
    '10.1.2.3',
    '172.20.0.5',
    '192.168.1.1',
    '169.254.169.254',
    '[::1]',
    '[fd00::1]',
    '[::ffff:127.0.0.1]',
    'statements.internal',
  ]) {
    expect({ host, problem: checkReceiverUrl(`http://${host}:4002/graphql`, false) }).toEqual({ host, problem: expect.stringMatching(/private/) });
    expect(checkReceiverUrl(`http://${host}:4002/graphql`, true)).toBeNull();
  }
  expect(isPrivateHost('172.32.0.1')).toBe(false);
  expect(isPrivateHost('8.8.8.8')).toBe(false);
  expect(isPrivateHost('hooks.example.org')).toBe(false);
});
