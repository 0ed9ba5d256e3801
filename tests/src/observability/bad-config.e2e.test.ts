import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../harness';

interface Exit {
  code: number | null;
  output: string;
}

/** Starts a service's main.js with only the given environment and waits for it to stop. */
function run(entry: string, env: Record<string, string>, args: string[] = []): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, entry), ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not stop within 20 s:\n${output}`));
    }, 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** The one fatal JSON line a service writes when it cannot start. */
function fatalLine(exit: Exit): { level: string; service: string; problems: string[]; msg: string } {
  const lines = exit.output.split('\n').filter(Boolean);
  const fatal = lines.map((l) => JSON.parse(l)).filter((l) => l.level === 'fatal');
  expect(fatal).toHaveLength(1);
  return fatal[0];
}

const OBSERVABILITY_PROBLEMS = {
  LOG_LEVEL: 'loud',
  NEWSGRAPH_TRACING: 'maybe',
  OTEL_EXPORTER_OTLP_ENDPOINT: 'notaurl',
};
const NAMED = [
  'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
  'NEWSGRAPH_TRACING must be on or off, got "maybe"',
  'OTEL_EXPORTER_OTLP_ENDPOINT is not a URL: "notaurl"',
];

describe('a bad configuration stops a service at once, every problem named', () => {
  test.each([
    ['actors', 'services/actors/dist/main.js', { ACTORS_PORT: '99999' }, ['ACTORS_PORT must be a port number (0-65535), got "99999"']],
    ['sources', 'services/sources/dist/main.js', { SOURCES_PORT: 'eighty' }, ['SOURCES_PORT must be a port number (0-65535), got "eighty"']],
    [
      'statements',
      'services/statements/dist/main.js',
      { STATEMENTS_PORT: '-1', ACTORS_URL: 'ftp://actors/graphql', NEWSGRAPH_COUNT_CACHE: 'sometimes' },
      [
        'STATEMENTS_PORT must be a port number (0-65535), got "-1"',
        'ACTORS_URL must be a http: or https: URL, got "ftp://actors/graphql"',
        'NEWSGRAPH_COUNT_CACHE must be on or off, got "sometimes"',
      ],
    ],
    [
      'alerts',
      'services/alerts/dist/main.js',
      { ALERTS_PORT: '4.5', NEWSGRAPH_WEBHOOK_MAX_ATTEMPTS: 'many' },
      ['ALERTS_PORT must be a port number (0-65535), got "4.5"', 'NEWSGRAPH_WEBHOOK_MAX_ATTEMPTS must be a positive integer, got "many"'],
    ],
    [
      'gateway',
      'gateway/dist/main.js',
      { GATEWAY_PORT: '70000', NEWSGRAPH_QUERY_PLANNER: 'fast', NEWSGRAPH_DEDUPE_INFLIGHT: 'yes' },
      [
        'GATEWAY_PORT must be a port number (0-65535), got "70000"',
        'NEWSGRAPH_QUERY_PLANNER must be auto, rust or js, got "fast"',
        'NEWSGRAPH_DEDUPE_INFLIGHT must be on or off, got "yes"',
      ],
    ],
  ])('%s', async (service, entry, own, ownProblems) => {
    const exit = await run(entry, {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/postgres',
      ...OBSERVABILITY_PROBLEMS,
      ...own,
    });
    expect(exit.code).toBe(1);
    const fatal = fatalLine(exit);
    expect(fatal.service).toBe(service);
    expect([...fatal.problems].sort()).toEqual([...ownProblems, ...NAMED].sort());
    // the message names them too, for whoever reads the line rather than parses it
    for (const p of [...ownProblems, ...NAMED]) expect(fatal.msg).toContain(p);
  });
});

describe('a subgraph refuses a command it does not know, before reading its configuration', () => {
  test.each(['actors', 'statements', 'sources', 'alerts'])('%s', async (service) => {
    // the configuration is bad too: the command is looked at first, and no database is touched
    const exit = await run(`services/${service}/dist/main.js`, { ACTORS_PORT: 'x', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/postgres' }, ['migrat']);
    expect(exit.code).toBe(2);
    const fatal = fatalLine(exit);
    expect(fatal.service).toBe(service);
    expect(fatal.msg).toBe('unknown command "migrat": use "migrate", or "serve" (the default when none is given)');
  });
});
