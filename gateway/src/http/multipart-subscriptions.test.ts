import { acceptsMultipartSubscription, processMultipartSubscription } from './multipart-subscriptions';

test("acceptsMultipartSubscription: Apollo's Accept header, quoted or not; not plain multipart or JSON", () => {
  expect(acceptsMultipartSubscription('multipart/mixed;boundary=graphql;subscriptionSpec=1.0,application/json')).toBe(true);
  expect(acceptsMultipartSubscription('multipart/mixed; subscriptionSpec="1.0"')).toBe(true);
  expect(acceptsMultipartSubscription('multipart/mixed;deferSpec=20220824')).toBe(false);
  expect(acceptsMultipartSubscription('application/json')).toBe(false);
  expect(acceptsMultipartSubscription(null)).toBe(false);
});

/** An upstream stream whose events the test releases one by one, recording whether it was ended. */
function upstream() {
  const pending: Array<(v: IteratorResult<unknown>) => void> = [];
  const state = { returned: false };
  const iterable: AsyncIterable<unknown> = {
    [Symbol.asyncIterator]: () => ({
      next: () => new Promise<IteratorResult<unknown>>((r) => pending.push(r)),
      return: async () => {
        state.returned = true;
        pending.splice(0).forEach((r) => r({ done: true, value: undefined }));
        return { done: true, value: undefined };
      },
    }),
  };
  const emit = (value: unknown) => pending.shift()?.({ done: false, value });
  const end = () => pending.shift()?.({ done: true, value: undefined });
  return { iterable, emit, end, state };
}

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, text: { value: string }, pattern: RegExp): Promise<void> {
  const decoder = new TextDecoder();
  while (!pattern.test(text.value)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before ${pattern}: ${text.value}`);
    text.value += decoder.decode(value);
  }
}

test('events become {"payload"} parts, heartbeats are {} parts, and the end is the closing boundary', async () => {
  const source = upstream();
  const response = processMultipartSubscription(source.iterable, globalThis, 20);
  expect(response.headers.get('content-type')).toBe('multipart/mixed;boundary="graphql";subscriptionSpec="1.0"');
  const reader = response.body!.getReader();
  const text = { value: '' };
  await readUntil(reader, text, /^\r\n--graphql/);
  source.emit({ data: { statementAdded: { cursor: 'c1' } }, extensions: { http: { status: 200 } } });
  await readUntil(reader, text, /"c1"/);
  await readUntil(reader, text, /\r\n\r\n\{\}\r\n--graphql/);
  source.end();
  await readUntil(reader, text, /--graphql--\r\n$/);
  expect(text.value).toContain('content-type: application/json; charset=utf-8\r\n\r\n{"payload":{"data":{"statementAdded":{"cursor":"c1"}}}}\r\n--graphql');
  expect(text.value).not.toContain('"http"');
});

test('a client that goes away ends the upstream subscription', async () => {
  const source = upstream();
  const reader = processMultipartSubscription(source.iterable, globalThis, 20).body!.getReader();
  await reader.read();
  await reader.cancel();
  expect(source.state.returned).toBe(true);
});
