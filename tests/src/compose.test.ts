import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadGatewayConfig } from '@newsgraph/gateway';
import { subgraphCommand } from '@newsgraph/kit';
import { GATEWAY_NODE_FLAGS, SUBGRAPH_NODE_FLAGS } from '@newsgraph/tools';
import { Scalar, YAMLMap } from 'yaml';
import { read, readSupergraph, readYaml, ROOT } from './deploy-files';

/**
 * No Docker engine runs here, so docker-compose.yml is kept honest by reading it as compose does
 * (YAML, merge keys applied): every service, command, port, health check and dependency it names
 * must exist in the code, the supergraph and the README.
 */
const file = readYaml('docker-compose.yml');
const compose = file.value;
const services: Record<string, any> = compose.services;
const readme = read('README.md');
const supergraph = readSupergraph();
const SUBGRAPHS = { actors: 4001, statements: 4002, sources: 4003, alerts: 4004 } as const;
/** the conditions compose accepts in a long-form depends_on */
const CONDITIONS = ['service_started', 'service_healthy', 'service_completed_successfully'];

/** `node services/x/dist/main.js` -> services/x/src/main.ts */
function sourceOf(command: string[]): string {
  const entry = command[1];
  return entry.replace('/dist/', '/src/').replace(/\.js$/, '.ts');
}

/** Services from a public image, with no entry point of ours. */
const IMAGES = new Set(['postgres', 'redis']);

test('the topology has PostgreSQL, Redis, a migration job per subgraph, the subgraphs and the gateway', () => {
  expect(Object.keys(services).sort()).toEqual(
    [
      'actors',
      'alerts',
      'gateway',
      'migrate-actors',
      'migrate-alerts',
      'migrate-sources',
      'migrate-statements',
      'postgres',
      'redis',
      'sources',
      'statements',
    ].sort(),
  );
  expect(services.postgres.healthcheck.test.join(' ')).toMatch(/pg_isready/);
  // the data lives in a named volume the file declares
  expect(services.postgres.volumes).toEqual(['pgdata:/var/lib/postgresql/data']);
  expect(Object.keys(compose.volumes)).toEqual(['pgdata']);
});

test("our services build from the repository's Dockerfile, the others pull a public image", () => {
  for (const [name, service] of Object.entries(services)) {
    if (IMAGES.has(name)) {
      expect({ name, image: service.image, build: service.build }).toEqual({
        name,
        image: expect.stringMatching(new RegExp(`^${name}:\\d+$`)),
        build: undefined,
      });
    } else {
      expect({ name, image: service.image, build: service.build }).toEqual({ name, image: undefined, build: { context: '.', dockerfile: 'Dockerfile' } });
    }
  }
});

test('every dependency is a service of this file, with a condition compose knows, and there is no cycle', () => {
  const edges = new Map<string, string[]>();
  for (const [name, service] of Object.entries(services)) {
    const dependsOn: Record<string, { condition: string }> = service.depends_on ?? {};
    for (const [target, { condition }] of Object.entries(dependsOn)) {
      expect({ name, target, known: target in services, condition, conditionKnown: CONDITIONS.includes(condition) }).toEqual({
        name,
        target,
        known: true,
        condition,
        conditionKnown: true,
      });
      // waiting for "healthy" needs a health check to wait on, "completed" a job that ends
      if (condition === 'service_healthy')
        expect({ target, healthcheck: Array.isArray(services[target].healthcheck?.test) }).toEqual({ target, healthcheck: true });
      if (condition === 'service_completed_successfully') expect({ target, restart: services[target].restart }).toEqual({ target, restart: 'no' });
    }
    edges.set(name, Object.keys(dependsOn));
  }
  const done = new Set<string>();
  const visit = (name: string, trail: string[]) => {
    if (trail.includes(name)) throw new Error(`depends_on cycle: ${[...trail, name].join(' -> ')}`);
    if (done.has(name)) return;
    for (const next of edges.get(name) ?? []) visit(next, [...trail, name]);
    done.add(name);
  };
  for (const name of edges.keys()) visit(name, []);
});

test('every long-running service has a health check in exec form; the one-shot jobs have none', () => {
  for (const [name, service] of Object.entries(services)) {
    if (name.startsWith('migrate-')) {
      expect({ name, healthcheck: service.healthcheck }).toEqual({ name, healthcheck: undefined });
      continue;
    }
    const form = service.healthcheck?.test?.[0];
    expect({ name, form, exec: ['CMD', 'CMD-SHELL'].includes(form) }).toEqual({ name, form, exec: true });
    expect(service.healthcheck.retries).toBeGreaterThan(0);
  }
});

test('only the gateway publishes a port, the one it listens on', () => {
  const published = Object.entries(services)
    .filter(([, s]) => s.ports)
    .map(([name]) => name);
  expect(published).toEqual(['gateway']);
  const [host, container] = services.gateway.ports[0].split(':');
  expect(container).toBe(services.gateway.environment.GATEWAY_PORT);
  expect(host).toBe(container);
});

test('the shared settings reach every service of ours, pointing at the compose services', () => {
  for (const [name, service] of Object.entries(services)) {
    if (IMAGES.has(name)) continue;
    expect({ name, NODE_ENV: service.environment.NODE_ENV }).toEqual({ name, NODE_ENV: 'production' });
    expect({ name, db: new URL(service.environment.DATABASE_URL).host }).toEqual({ name, db: 'postgres:5432' });
    for (const [subgraph, port] of Object.entries(SUBGRAPHS)) {
      expect({ name, url: service.environment[`${subgraph.toUpperCase()}_URL`] }).toEqual({ name, url: `http://${subgraph}:${port}/graphql` });
    }
    // required secrets fail the start when unset, rather than defaulting to something guessable
    expect(service.environment.NEWSGRAPH_SUBGRAPH_SECRET).toMatch(/^\$\{NEWSGRAPH_SUBGRAPH_SECRET:\?/);
    expect(service.environment.NEWSGRAPH_WRITE_TOKENS).toMatch(/^\$\{NEWSGRAPH_WRITE_TOKENS:\?/);
  }
});

test('every command runs an entry point that exists, and migration jobs run `migrate`', () => {
  for (const [name, service] of Object.entries(services)) {
    if (IMAGES.has(name)) continue;
    expect(service.command[0]).toBe('node');
    const source = sourceOf(service.command);
    expect(existsSync(path.join(ROOT, source))).toBe(true);
    if (name.startsWith('migrate-')) {
      // the kit's runSubgraphMain reads the command; every main.ts hands itself to it
      expect(subgraphCommand(service.command.slice(2))).toBe('migrate');
      expect(read(source)).toMatch(/runSubgraphMain\(/);
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
    expect(service.environment[`${name.toUpperCase()}_URL`]).toBe(`http://${name}:${port}/graphql`);
  }
  // the committed supergraph routes to the compose service names, and to nothing else
  expect(supergraph.routes).toEqual(Object.fromEntries(Object.entries(SUBGRAPHS).map(([name, port]) => [name, `http://${name}:${port}/graphql`])));
  for (const name of Object.keys(SUBGRAPHS)) expect(services.gateway.depends_on[name]).toEqual({ condition: 'service_healthy' });
  expect(services.gateway.ports).toEqual(['4000:4000']);
});

test('the gateways share persisted queries through Redis, which is bounded and waited for', () => {
  expect(services.gateway.environment.REDIS_URL).toBe('redis://redis:6379');
  expect(services.gateway.depends_on.redis).toEqual({ condition: 'service_healthy' });
  expect(services.redis.command.join(' ')).toMatch(/--maxmemory \S+ --maxmemory-policy allkeys-lru/);
  expect(services.redis.healthcheck.test.join(' ')).toMatch(/redis-cli ping/);
  // the gateway's own configuration reader takes the compose environment (its required secrets
  // given) and shares both the persisted queries and the response cache through that Redis
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(services.gateway.environment as Record<string, string>)) {
    // compose's interpolation with nothing set: `:-` gives its default, `:?` must be given (a secret)
    env[k] = String(v).replace(/\$\{[A-Z_]+(?::([-?])([^}]*))?\}/g, (_, op: string | undefined, rest: string) =>
      op === '?' ? 'a-production-secret-of-enough-length' : op === '-' ? rest : '',
    );
  }
  const config = loadGatewayConfig(env);
  expect(config.gateway.persistedQueries.redisUrl).toBe('redis://redis:6379');
  expect(config.gateway.responseCache).toMatchObject({ enabled: true, redisUrl: 'redis://redis:6379' });
});

test('statements runs as two replicas behind its service name; the feed crosses replicas through PostgreSQL', () => {
  expect(services.statements.deploy.replicas).toBe(2);
  // a fixed host port would collide between replicas; the gateway reaches them by name
  expect(services.statements.ports).toBeUndefined();
  expect(services.gateway.environment.STATEMENTS_URL).toBe('http://statements:4002/graphql');
  // and the file says so where the replicas are declared
  const declared = file.doc.getIn(['services'], true) as YAMLMap<Scalar<string>, unknown>;
  expect(declared.items.find((p) => p.key.value === 'statements')?.key.commentBefore).toMatch(/LISTEN\/NOTIFY/);
  expect(readme).toMatch(/LISTEN/);
});

test('observability settings reach every service and name endpoints the code serves', () => {
  for (const [name, service] of Object.entries(services)) {
    if (IMAGES.has(name)) continue;
    for (const key of ['LOG_LEVEL', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'NEWSGRAPH_METRICS_TOKEN'])
      expect({ name, key, set: key in service.environment }).toEqual({ name, key, set: true });
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
});

test('the subgraphs and the gateway get the same V8 heap flags in compose as under npm start and the tests', () => {
  expect(compose['x-subgraph-heap']).toBe(SUBGRAPH_NODE_FLAGS.join(' '));
  for (const name of Object.keys(SUBGRAPHS)) expect(services[name].environment.NODE_OPTIONS).toBe(SUBGRAPH_NODE_FLAGS.join(' '));
  expect(compose['x-gateway-heap']).toBe(GATEWAY_NODE_FLAGS.join(' '));
  expect(services.gateway.environment.NODE_OPTIONS).toBe(GATEWAY_NODE_FLAGS.join(' '));
});
