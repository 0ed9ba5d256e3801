import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { SUBGRAPH_NODE_FLAGS } from '@newsgraph/tools';

/**
 * No Docker engine runs here, so docker-compose.yml is kept honest by reading it: every service,
 * command, port, health check and dependency it names must exist in the code and the README.
 */
const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const compose: any = yaml.load(read('docker-compose.yml'));
const services: Record<string, any> = compose.services;
const readme = read('README.md');
const supergraph = read('schema/supergraph.graphql');
const SUBGRAPHS = { actors: 4001, statements: 4002, sources: 4003, alerts: 4004 } as const;

/** `node services/x/dist/main.js` -> services/x/src/main.ts */
function sourceOf(command: string[]): string {
  const entry = command[1];
  return entry.replace('/dist/', '/src/').replace(/\.js$/, '.ts');
}

/** Services from a public image, with no entry point of ours. */
const IMAGES = new Set(['postgres', 'redis']);

test('the topology has PostgreSQL, Redis, a migration job per subgraph, the subgraphs and the gateway', () => {
  expect(Object.keys(services).sort()).toEqual(
    ['actors', 'alerts', 'gateway', 'migrate-actors', 'migrate-alerts', 'migrate-sources', 'migrate-statements', 'postgres', 'redis', 'sources', 'statements'].sort(),
  );
  expect(services.postgres.healthcheck.test.join(' ')).toMatch(/pg_isready/);
  expect(services.postgres.volumes.join(' ')).toMatch(/pgdata:/);
});

test('every command runs an entry point that exists, and migration jobs run `migrate`', () => {
  for (const [name, service] of Object.entries(services)) {
    if (IMAGES.has(name)) continue;
    expect(service.command[0]).toBe('node');
    const source = sourceOf(service.command);
    expect(existsSync(path.join(ROOT, source))).toBe(true);
    if (name.startsWith('migrate-')) {
      expect(service.command[2]).toBe('migrate');
      expect(read(source)).toMatch(/'migrate'/);
      expect(service.restart).toBe('no');
    }
  }
});

test('each subgraph waits for its migration job and listens where the supergraph routes', () => {
  for (const [name, port] of Object.entries(SUBGRAPHS)) {
    const service = services[name];
    expect(service.depends_on[`migrate-${name}`]).toEqual({ condition: 'service_completed_successfully' });
    expect(service.environment[`${name.toUpperCase()}_PORT`]).toBe(String(port));
    expect(service.environment[`${name.toUpperCase()}_HOST`]).toBe('0.0.0.0');
    expect(service.healthcheck.test.join(' ')).toContain(`http://127.0.0.1:${port}/readyz`);
    // the committed supergraph routes to the compose service names
    expect(supergraph).toMatch(new RegExp(`join__graph\\(name: "${name}", url: "http://${name}:${port}/graphql"\\)`));
    expect(service.environment[`${name.toUpperCase()}_URL`]).toBe(`http://${name}:${port}/graphql`);
  }
  for (const name of Object.keys(SUBGRAPHS)) expect(services.gateway.depends_on[name]).toEqual({ condition: 'service_healthy' });
  expect(services.gateway.ports).toEqual(['4000:4000']);
});

test('the gateways share persisted queries through Redis, which is bounded and waited for', () => {
  expect(services.gateway.environment.REDIS_URL).toBe('redis://redis:6379');
  expect(services.gateway.depends_on.redis).toEqual({ condition: 'service_healthy' });
  expect(services.redis.command.join(' ')).toMatch(/--maxmemory \S+ --maxmemory-policy allkeys-lru/);
  expect(services.redis.healthcheck.test.join(' ')).toMatch(/redis-cli ping/);
  expect(read('gateway/src/main.ts')).toMatch(/'REDIS_URL'/);
});

test('statements runs as two replicas behind its service name; the feed crosses replicas through PostgreSQL', () => {
  expect(services.statements.deploy.replicas).toBe(2);
  // a fixed host port would collide between replicas; the gateway reaches them by name
  expect(services.statements.ports).toBeUndefined();
  expect(services.gateway.environment.STATEMENTS_URL).toBe('http://statements:4002/graphql');
  expect(read('docker-compose.yml')).toMatch(/LISTEN\/NOTIFY/);
  expect(readme).toMatch(/LISTEN/);
});

test('observability settings reach every service and name endpoints the code serves', () => {
  for (const [name, service] of Object.entries(services)) {
    if (IMAGES.has(name)) continue;
    for (const key of ['LOG_LEVEL', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'NEWSGRAPH_METRICS_TOKEN']) expect({ name, key, set: key in service.environment }).toEqual({ name, key, set: true });
  }
  expect(read('packages/kit/src/server.ts')).toMatch(/'\/metrics'/);
  expect(read('gateway/src/create-gateway.ts')).toMatch(/'\/metrics'/);
});

test('health checks name endpoints the code serves', () => {
  const kitServer = read('packages/kit/src/server.ts');
  const gateway = read('gateway/src/create-gateway.ts');
  expect(kitServer).toMatch(/'\/readyz'/);
  expect(kitServer).toMatch(/'\/healthz'/);
  expect(gateway).toMatch(/'\/healthz'/);
  expect(services.gateway.healthcheck.test.join(' ')).toContain('http://127.0.0.1:4000/healthz');
});

test('every variable compose sets is documented in the README', () => {
  const names = new Set<string>();
  for (const service of Object.values(services)) {
    for (const key of Object.keys(service.environment ?? {})) names.add(key);
  }
  for (const name of names) {
    if (name.startsWith('POSTGRES_')) continue; // the postgres image's own
    expect({ name, documented: readme.includes(name) }).toEqual({ name, documented: true });
  }
});

test('images build in stages and run as a non-root user', () => {
  const dockerfile = read('Dockerfile');
  expect(dockerfile.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(2);
  expect(dockerfile).toMatch(/^USER (?!root)\w+/m);
  for (const service of Object.values(services)) if (service.build) expect(service.build.dockerfile).toBe('Dockerfile');
});

test('the subgraphs get the same V8 heap flags in compose as under npm start and the tests', () => {
  expect(compose['x-subgraph-heap']).toBe(SUBGRAPH_NODE_FLAGS.join(' '));
  for (const name of Object.keys(SUBGRAPHS)) expect(services[name].environment.NODE_OPTIONS).toBe(SUBGRAPH_NODE_FLAGS.join(' '));
  expect(services.gateway.environment.NODE_OPTIONS).toBeUndefined();
});
