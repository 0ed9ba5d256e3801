import { context, trace } from '@opentelemetry/api';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { ConfigError, loadSubgraphConfig, readObservability } from '../config';
import { createLogger } from './logger';
import { NewsgraphMetrics, OperationLabels, operationName, serveMetrics } from './metrics';
import { acceptRequestId, inScope } from './scope';
import { startTracing, traceHeaders, tracer } from './tracing';

function captured() {
  const lines: any[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, destination };
}

describe('operation labels', () => {
  test('plain names keep their label; odd ones are other, missing ones anonymous', () => {
    expect(operationName('SpainOnBaseUse')).toBe('SpainOnBaseUse');
    expect(operationName(undefined)).toBe('anonymous');
    expect(operationName('')).toBe('anonymous');
    expect(operationName('drop table;')).toBe('other');
    expect(operationName('a'.repeat(65))).toBe('other');
    expect(operationName('9lives')).toBe('other');
  });

  test('after 200 distinct names, new ones are counted as other; known ones keep theirs', () => {
    const labels = new OperationLabels(200);
    for (let i = 0; i < 200; i += 1) expect(labels.label(`Op${i}`)).toBe(`Op${i}`);
    expect(labels.label('Op200')).toBe('other');
    expect(labels.label('YetAnother')).toBe('other');
    expect(labels.label('Op0')).toBe('Op0');
    expect(labels.label('Op199')).toBe('Op199');
    expect(labels.label(null)).toBe('anonymous');
  });

  test('the cap holds on the series themselves', async () => {
    const metrics = new NewsgraphMetrics({ defaultMetrics: false });
    for (let i = 0; i < 300; i += 1) metrics.observeOperation('gateway', { name: `Attack${i}`, type: 'query', failed: false, seconds: 0.001 });
    const series = (await metrics.registry.getSingleMetricAsString('newsgraph_graphql_requests_total'))
      .split('\n')
      .filter((l) => l.startsWith('newsgraph_graphql_requests_total{'));
    expect(series).toHaveLength(201);
    expect(series).toContain('newsgraph_graphql_requests_total{service="gateway",operation="other",type="query",outcome="ok"} 100');
  });
});

describe('request ids', () => {
  test('a plain id is kept', () => {
    expect(acceptRequestId('req-abc_1.2:3')).toBe('req-abc_1.2:3');
    expect(acceptRequestId(['only-one'])).toBe('only-one');
  });
  test.each([
    ['spaces', 'a b'],
    ['markup', '<script>'],
    ['a newline', 'abc\ndef'],
    ['too long', 'x'.repeat(129)],
    ['empty', ''],
    ['missing', undefined],
  ])('%s: replaced by a generated id', (_what, raw) => {
    const id = acceptRequestId(raw);
    expect(id).not.toBe(raw);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
  test('two values of the header: replaced', () => {
    expect(acceptRequestId(['a', 'b'])).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('configuration', () => {
  test('defaults: info, tracing on, nothing exported, metrics open', () => {
    expect(readObservability({}, 'actors', [])).toEqual({
      logLevel: 'info',
      tracing: true,
      serviceName: 'actors',
      otlpTracesUrl: undefined,
      metricsToken: undefined,
    });
  });
  test('the OTLP base endpoint gets /v1/traces; the traces endpoint is taken as given', () => {
    expect(readObservability({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }, 'gateway', []).otlpTracesUrl).toBe('http://collector:4318/v1/traces');
    const both = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://b/traces' };
    expect(readObservability(both, 'gateway', []).otlpTracesUrl).toBe('https://b/traces');
    expect(readObservability({ OTEL_SERVICE_NAME: 'ng-actors', NEWSGRAPH_TRACING: 'off' }, 'actors', [])).toMatchObject({
      serviceName: 'ng-actors',
      tracing: false,
    });
  });
  test('every bad variable is named at once, with the subgraph ones', () => {
    let error: unknown;
    try {
      loadSubgraphConfig(
        {
          DATABASE_URL: 'postgres://db/x',
          ACTORS_PORT: '99999',
          LOG_LEVEL: 'loud',
          NEWSGRAPH_TRACING: 'maybe',
          OTEL_EXPORTER_OTLP_ENDPOINT: 'notaurl',
          OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'ftp://x/y',
        },
        'actors',
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'ACTORS_PORT must be a port number (0-65535), got "99999"',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      'NEWSGRAPH_TRACING must be on or off, got "maybe"',
      'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be a http: or https: URL, got "ftp://x/y"',
      'OTEL_EXPORTER_OTLP_ENDPOINT is not a URL: "notaurl"',
    ]);
  });
});

describe('log lines', () => {
  const tracing = startTracing({ serviceName: 'test', enabled: true });
  afterAll(() => tracing.shutdown());

  test('JSON with service, ISO time, a level label, and the request and span they were written in', () => {
    const { lines, destination } = captured();
    const logger = createLogger({ service: 'actors', level: 'info', destination });
    const span = tracer().startSpan('work');
    inScope({ requestId: 'req-1' }, () => {
      context.with(trace.setSpan(context.active(), span), () => {
        logger.info({ durationMs: 3 }, 'inside');
        // an outgoing request made here carries the same trace
        expect(traceHeaders().traceparent).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
      });
    });
    span.end();
    logger.info('outside');
    logger.debug('hidden at info');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 'info',
      service: 'actors',
      requestId: 'req-1',
      traceId: span.spanContext().traceId,
      spanId: span.spanContext().spanId,
      durationMs: 3,
      msg: 'inside',
    });
    expect(new Date(lines[0].time).toISOString()).toBe(lines[0].time);
    expect(lines[1].requestId).toBeUndefined();
    expect(lines[1].traceId).toBeUndefined();
  });

  test('fields given at the call win over the ones read from the context', () => {
    const { lines, destination } = captured();
    const logger = createLogger({ service: 'gateway', destination });
    inScope({ requestId: 'from-scope' }, () => logger.info({ requestId: 'given' }, 'x'));
    expect(lines[0].requestId).toBe('given');
  });
});

describe('subscriptions gauge', () => {
  async function active(metrics: NewsgraphMetrics): Promise<number> {
    const m = await metrics.subscriptionsActive.get();
    return m.values.find((v) => v.labels.service === 'statements')?.value ?? 0;
  }
  async function* three() {
    yield 1;
    yield 2;
    yield 3;
  }

  test('open from the start of the stream to its end, however it ends', async () => {
    const metrics = new NewsgraphMetrics({ defaultMetrics: false });
    const a = metrics.countSubscription('statements', three());
    const b = metrics.countSubscription('statements', three());
    const c = metrics.countSubscription('statements', three());
    expect(await active(metrics)).toBe(3);
    // read to the end
    for await (const _ of a) void _;
    expect(await active(metrics)).toBe(2);
    // completed by the client
    await b.next();
    await b.return(undefined);
    await b.return(undefined);
    expect(await active(metrics)).toBe(1);
    // failed
    await c.throw(new Error('x')).catch(() => undefined);
    expect(await active(metrics)).toBe(0);
  });
});

describe('/metrics', () => {
  async function serve(token: string | undefined) {
    const metrics = new NewsgraphMetrics({ defaultMetrics: true });
    const server = http.createServer(serveMetrics(metrics.registry, token));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
    return { url, close: () => new Promise<void>((r) => server.close(() => r())) };
  }

  test('with a token: 401 without it or with a wrong one, 200 with it', async () => {
    const s = await serve('metrics-token-123');
    try {
      expect((await fetch(s.url)).status).toBe(401);
      expect((await fetch(s.url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      const ok = await fetch(s.url, { headers: { authorization: 'Bearer metrics-token-123' } });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await ok.text()).toMatch(/^process_resident_memory_bytes \d+/m);
    } finally {
      await s.close();
    }
  });

  test('without a token: open', async () => {
    const s = await serve(undefined);
    try {
      const res = await fetch(s.url);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('# TYPE newsgraph_graphql_requests_total counter');
    } finally {
      await s.close();
    }
  });
});
