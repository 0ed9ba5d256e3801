import { createHmac } from 'node:crypto';
import { signature, verifySignature } from './sign';

test('the signature is HMAC-SHA256 over "<t>.<body>", computed by hand here', () => {
  const body = '{"statement":{"key":"stmt:x"}}';
  const expected = createHmac('sha256', 'whsec_test').update(`1767225600.${body}`).digest('hex');
  expect(signature('whsec_test', body, 1767225600)).toBe(`t=1767225600,v1=${expected}`);
});

test('verification accepts the right secret and body only', () => {
  const header = signature('whsec_a', 'body', 1767225600);
  expect(verifySignature('whsec_a', 'body', header)).toBe(true);
  expect(verifySignature('whsec_b', 'body', header)).toBe(false);
  expect(verifySignature('whsec_a', 'body!', header)).toBe(false);
  expect(verifySignature('whsec_a', 'body', header.replace('t=1767225600', 't=1767225601'))).toBe(false);
  expect(verifySignature('whsec_a', 'body', '')).toBe(false);
  expect(verifySignature('whsec_a', 'body', 't=1,v1=zz')).toBe(false);
});
