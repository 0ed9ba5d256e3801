import { REQUEST_ID_HEADER, SUBGRAPH_SECRET_HEADER } from '@newsgraph/kit';
import { Override, read, readSupergraph, readYaml, RESET } from './deploy-files';

/**
 * The router swap (README "Past one Node gateway") cannot run here: no Docker engine, and neither
 * router is on npm. So its files are kept honest by reading them: each override replaces only the
 * gateway, serves the very supergraph file the Node gateway serves, on the same port and path, and
 * forwards what the subgraphs need (the shared secret, the bearer token, the request id).
 */
const base = readYaml('docker-compose.yml').value;

/** A header rule as both routers write them. */
interface HeaderRule {
  propagate?: { named: string | string[] };
  insert?: { name: string; [how: string]: unknown };
}

/** Where a router is told to find its files: the supergraph and its config (paths in the container). */
interface Told {
  supergraph: string;
  config: string;
}

const ROUTERS: Record<string, { compose: string; config: string; told(gateway: any, config: any): Told }> = {
  'Apollo Router': {
    compose: 'deploy/apollo-router/compose.yml',
    config: 'deploy/apollo-router/router.yaml',
    told: (gateway) => ({ supergraph: argument(gateway.command, '--supergraph'), config: argument(gateway.command, '--config') }),
  },
  'Hive Router': {
    compose: 'deploy/hive-router/compose.yml',
    config: 'deploy/hive-router/router.config.yaml',
    told: (gateway, config) => ({ supergraph: config.supergraph.path, config: gateway.environment.ROUTER_CONFIG_FILE_PATH }),
  },
};

/** The value after a flag in an exec-form command. */
function argument(command: string[], flag: string): string {
  const i = command.indexOf(flag);
  if (i < 0) throw new Error(`no ${flag} in ${JSON.stringify(command)}`);
  return command[i + 1];
}

describe.each(Object.entries(ROUTERS))('%s', (_name, files) => {
  const override = readYaml(files.compose).value;
  const config = readYaml(files.config).value;
  const gateway = override.services.gateway;

  test('the override replaces the gateway alone, on its port', () => {
    expect(Object.keys(override.services)).toEqual(['gateway']);
    expect(base.services.gateway).toBeDefined();
    expect(gateway.image).toMatch(/^ghcr\.io\//);
    expect(gateway.ports).toEqual(base.services.gateway.ports);
    // compose merges an override into the base service: the Node build must be dropped (an image
    // and a build together would build ours), and the health check replaced, not merged into
    expect(gateway.build).toBe(RESET);
    expect(gateway.healthcheck).toBeInstanceOf(Override);
    expect(gateway.healthcheck.value.test.join(' ')).toMatch(/health/);
  });

  test("it mounts the repository's supergraph and its own config file, both of which exist", () => {
    const mounts: string[] = gateway.volumes;
    const sources = mounts.map((m) => m.split(':')[0].replace(/^\.\//, ''));
    expect(sources).toContain('schema/supergraph.graphql');
    expect(sources).toContain(files.config);
    for (const source of sources) expect(() => read(source)).not.toThrow();
    // the paths the router is told to load are where the two files are mounted
    const target = (source: string) => mounts.find((m) => m.startsWith(`./${source}:`))!.split(':')[1];
    expect(files.told(gateway, config)).toEqual({ supergraph: target('schema/supergraph.graphql'), config: target(files.config) });
  });

  test('the supergraph it serves routes to the compose subgraphs, with link and join specs both routers read', () => {
    const supergraph = readSupergraph();
    expect([...supergraph.specs].sort()).toEqual(['join/v0.4', 'link/v1.0']);
    expect(supergraph.routes).toEqual({
      actors: 'http://actors:4001/graphql',
      statements: 'http://statements:4002/graphql',
      sources: 'http://sources:4003/graphql',
      alerts: 'http://alerts:4004/graphql',
    });
    for (const service of Object.keys(supergraph.routes)) expect(base.services[service]).toBeDefined();
  });

  test('every subgraph request carries the shared secret, the bearer token and the request id', () => {
    const rules: HeaderRule[] = config.headers.all.request;
    const propagated = rules.flatMap((r) => (r.propagate ? [r.propagate.named].flat() : [])).map((h: string) => h.toLowerCase());
    expect(propagated).toEqual(expect.arrayContaining(['authorization', REQUEST_ID_HEADER]));
    const secret = rules.find((r) => r.insert?.name === SUBGRAPH_SECRET_HEADER);
    // the two routers spell the value differently (a template, an expression): both read the variable
    expect(JSON.stringify(secret?.insert)).toMatch(/NEWSGRAPH_SUBGRAPH_SECRET/);
    expect(gateway.environment.NEWSGRAPH_SUBGRAPH_SECRET).toMatch(/NEWSGRAPH_SUBGRAPH_SECRET/);
  });

  test('the README shows the swap', () => {
    expect(read('README.md')).toContain(`-f ${files.compose}`);
  });
});

test('Apollo Router serves /graphql and relays the live feed to statements over graphql-ws', () => {
  const config = readYaml(ROUTERS['Apollo Router'].config).value;
  expect(config.supergraph.path).toBe('/graphql');
  expect(config.supergraph.listen).toMatch(/:4000$/);
  expect(config.subscription.mode.passthrough.subgraphs.statements).toEqual({ path: '/graphql', protocol: 'graphql_ws' });
});
