import { parseArgs, UsageError } from './args';

test('inputs and options in any order, with a space or =', () => {
  expect(parseArgs(['a.json', '--url', 'http://gw/graphql', 'dir', '--token=t0k'])).toEqual({
    inputs: ['a.json', 'dir'],
    url: 'http://gw/graphql',
    token: 't0k',
    help: false,
  });
});

test('after -- everything is an input', () => {
  expect(parseArgs(['--', '--url', 'x']).inputs).toEqual(['--url', 'x']);
});

test('a token may start with a single dash', () => {
  expect(parseArgs(['f', '--token', '-abc']).token).toBe('-abc');
});

test('help needs no input', () => {
  expect(parseArgs(['-h'])).toEqual({ inputs: [], help: true });
  expect(parseArgs(['--help']).help).toBe(true);
});

test('usage errors', () => {
  expect(() => parseArgs([])).toThrow(new UsageError('no file or folder given'));
  expect(() => parseArgs(['f', '--tokn', 'x'])).toThrow('unknown option --tokn');
  expect(() => parseArgs(['f', '--url'])).toThrow('--url needs a value');
  expect(() => parseArgs(['f', '--url', '--token', 'x'])).toThrow('--url needs a value');
  expect(() => parseArgs(['f', '--token='])).toThrow('--token needs a value');
});
