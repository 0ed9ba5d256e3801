import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { REQUEST_ID_HEADER, SUBGRAPH_SECRET_HEADER } from '@newsgraph/kit';

/**
 * The router swap (README "Past one Node gateway") cannot run here: no Docker engine, and neither
 * router is on npm. So its files are kept honest by reading them: each override replaces only the
 * gateway, serves the very supergraph file the Node gateway serves, on the same port and path, and
 * forwards what the subgraphs need (the shared secret, the bearer token, the request id).
 */
const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const base: any = yaml.load(read('docker-compose.yml'));

// compose's merge tags (!reset, !override) are not YAML 1.2 core; read them as plain values
const COMPOSE_TAGS = ['!reset', '!override'].map(
  (tag) => new yaml.Type(tag, { kind: 'mapping', construct: (d) => d ?? {} }),
);
const composeSchema = yaml.DEFAULT_SCHEMA.extend([
  ...COMPOSE_TAGS,
  ...['!reset', '!override'].flatMap((tag) => [
    new yaml.Type(tag, { kind: 'scalar', construct: (d) => d }),
    new yaml.Type(tag, { kind: 'sequence', construct: (d) => d ?? [] }),
  ]),
]);

const ROUTERS = {
  'Apollo Router': { compose: 'deploy/apollo-router/compose.yml', config: 'deploy/apollo-router/router.yaml' },
  'Hive Router': { compose: 'deploy/hive-router/compose.yml', config: 'deploy/hive-router/router.config.yaml' },
} as const;

describe.each(Object.entries(ROUTERS))('%s', (_name, files) => {
  const override: any = yaml.load(read(files.compose), { schema: composeSchema });
  const config: any = yaml.load(read(files.config));
  const gateway = override.services.gateway;

  test('the override replaces the gateway alone, on its port', () => {
    expect(Object.keys(override.services)).toEqual(['gateway']);
    expect(base.services.gateway).toBeDefined();
    expect(gateway.image).toMatch(/^ghcr\.io\//);
    expect(gateway.ports).toEqual(base.services.gateway.ports);
    expect(gateway.healthcheck.test.join(' ')).toMatch(/health/);
  });

  test('it mounts the repository\'s supergraph and its own config file, both of which exist', () => {
    const mounts: string[] = gateway.volumes;
    const sources = mounts.map((m) => m.split(':')[0].replace(/^\.\//, ''));
    expect(sources).toContain('schema/supergraph.graphql');
    expect(sources).toContain(files.config);
    for (const source of sources) expect(() => read(source)).not.toThrow();
    // the path the router is told to load is where the supergraph is mounted
    const supergraphTarget = mounts.find((m) => m.startsWith('./schema/supergraph.graphql'))!.split(':')[1];
    expect(JSON.stringify({ command: gateway.command, config })).toContain(supergraphTarget);
  });

  test('the supergraph it serves routes to the compose subgraphs, with link and join specs both routers read', () => {
    const supergraph = read('schema/supergraph.graphql');
    const specs = [...supergraph.matchAll(/@link\(url: "https:\/\/specs\.apollo\.dev\/([a-z]+\/v[\d.]+)"/g)].map((m) => m[1]).sort();
    expect(specs).toEqual(['join/v0.4', 'link/v1.0']);
    for (const [service, port] of [['actors', 4001], ['statements', 4002], ['sources', 4003], ['alerts', 4004]] as const) {
      expect(supergraph).toContain(`url: "http://${service}:${port}/graphql"`);
      expect(base.services[service]).toBeDefined();
    }
  });

  test('every subgraph request carries the shared secret, the bearer token and the request id', () => {
    const rules: any[] = config.headers.all.request;
    const propagated = rules.flatMap((r) => (r.propagate ? [r.propagate.named].flat() : [])).map((h: string) => h.toLowerCase());
    expect(propagated).toEqual(expect.arrayContaining(['authorization', REQUEST_ID_HEADER]));
    const secret = rules.find((r) => r.insert?.name === SUBGRAPH_SECRET_HEADER);
    expect(JSON.stringify(secret.insert)).toMatch(/NEWSGRAPH_SUBGRAPH_SECRET/);
    expect(gateway.environment.NEWSGRAPH_SUBGRAPH_SECRET).toMatch(/NEWSGRAPH_SUBGRAPH_SECRET/);
  });

  test('the README shows the swap', () => {
    expect(read('README.md')).toContain(`-f ${files.compose}`);
  });
});

test('Apollo Router serves /graphql and relays the live feed to statements over graphql-ws', () => {
  const config: any = yaml.load(read(ROUTERS['Apollo Router'].config));
  expect(config.supergraph.path).toBe('/graphql');
  expect(config.supergraph.listen).toMatch(/:4000$/);
  expect(config.subscription.mode.passthrough.subgraphs.statements).toEqual({ path: '/graphql', protocol: 'graphql_ws' });
});
