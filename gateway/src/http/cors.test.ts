import { createCorsPolicy, decideOrigin } from './cors';

const HOST = 'news.example:4000';

test('no allow-list: every origin may read, shown as *; no Origin or the own origin needs no grant', () => {
  const policy = createCorsPolicy([]);
  expect(decideOrigin(policy, 'https://reader.example', HOST)).toEqual({ allowed: true, reflect: '*' });
  expect(decideOrigin(policy, 'null', HOST)).toEqual({ allowed: true, reflect: '*' });
  expect(decideOrigin(policy, undefined, HOST)).toEqual({ allowed: true, reflect: null });
  expect(decideOrigin(policy, 'http://news.example:4000', HOST)).toEqual({ allowed: true, reflect: null });
});

test('allow-list: listed origins (normalised) are reflected, others refused with the reason, the own origin allowed', () => {
  const policy = createCorsPolicy(['https://App.example/', ' https://desk.example:8443 ', 'not a url']);
  expect([...policy.allowedOrigins!]).toEqual(['https://app.example', 'https://desk.example:8443']);
  expect(decideOrigin(policy, 'https://app.example', HOST)).toEqual({ allowed: true, reflect: 'https://app.example' });
  expect(decideOrigin(policy, 'https://desk.example:8443', HOST)).toEqual({ allowed: true, reflect: 'https://desk.example:8443' });
  const refused = decideOrigin(policy, 'https://app.example:444', HOST);
  expect(refused).toEqual({ allowed: false, reason: expect.stringMatching(/https:\/\/app\.example:444 is not allowed/) });
  expect(decideOrigin(policy, 'null', HOST)).toEqual({ allowed: false, reason: expect.stringMatching(/not an http\(s\) origin/) });
  expect(decideOrigin(policy, 'http://news.example:4000', HOST)).toEqual({ allowed: true, reflect: null });
});
