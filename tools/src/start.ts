import { ConfigError, DEFAULT_PORTS, readPort, readSubgraphSecret, readTokens } from '@newsgraph/kit';
import { createHash, randomBytes } from 'node:crypto';
import { fork } from 'node:child_process';
import { createWriteStream, existsSync, WriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startEmbeddedPostgres, EmbeddedServer } from './embedded-postgres';
import { terminalLine } from './log-lines';
import { REPO_ROOT, ServiceName, startStack, Stack } from './stack';
import { superviseStack, Supervisor } from './supervise';
import { watchEmbeddedPostgres } from './postgres-watchdog';

/**
 * `npm start`: PostgreSQL (embedded under .data/ unless DATABASE_URL is set), migrations, the
 * three subgraphs and the gateway, the seed example loaded once, then the URLs and write token.
 */
const SEED_DIR = path.join(REPO_ROOT, 'fixtures', 'seed');

/** Every line of every service to `.data/logs/<service>.log`; the terminal gets the ones that matter. */
function serviceOutput(logDir: string): (service: ServiceName, line: string) => void {
  const files = new Map<ServiceName, WriteStream>();
  return (service, line) => {
    let file = files.get(service);
    if (!file) {
      file = createWriteStream(path.join(logDir, `${service}.log`), { flags: 'w' });
      files.set(service, file);
    }
    file.write(`${line}\n`);
    const shown = terminalLine(service, line);
    if (shown !== undefined) process.stdout.write(`${shown}\n`);
  };
}

/** What `npm start` reads from its environment; the services read the rest themselves. */
interface StartConfig {
  /** NEWSGRAPH_DATA_DIR: the embedded PostgreSQL, tokens, logs; default .data/ (the watchdog's test uses a directory of its own) */
  dataDir: string;
  /** DATABASE_URL: a PostgreSQL server to use; unset: the embedded one under dataDir */
  databaseUrl?: string;
  /** NEWSGRAPH_PG_PORT: the embedded PostgreSQL's port; default a free one */
  pgPort: number;
  ports: Record<ServiceName, number>;
  /** NEWSGRAPH_WRITE_TOKENS; none: one generated and kept in .data/write-token */
  writeTokens: string[];
  /** NEWSGRAPH_SUBGRAPH_SECRET; unset: one generated and kept in .data/subgraph-secret */
  subgraphSecret?: string;
}

/** Pure: the launcher's configuration, or a ConfigError listing every bad variable. */
function loadStartConfig(env: NodeJS.ProcessEnv): StartConfig {
  const problems: string[] = [];
  const port = (service: ServiceName) => readPort(env, `${service.toUpperCase()}_PORT`, DEFAULT_PORTS[service], problems);
  const config: StartConfig = {
    dataDir: env.NEWSGRAPH_DATA_DIR ? path.resolve(env.NEWSGRAPH_DATA_DIR) : path.join(REPO_ROOT, '.data'),
    databaseUrl: env.DATABASE_URL || undefined,
    pgPort: readPort(env, 'NEWSGRAPH_PG_PORT', 0, problems),
    ports: { gateway: port('gateway'), actors: port('actors'), statements: port('statements'), sources: port('sources'), alerts: port('alerts') },
    writeTokens: readTokens(env),
    // the services apply the production rule (its length) themselves when they start
    subgraphSecret: readSubgraphSecret(env, false, problems),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

async function writeTokens(configured: string[], dataDir: string): Promise<string[]> {
  if (configured.length) return configured;
  const file = path.join(dataDir, 'write-token');
  if (existsSync(file)) return [(await readFile(file, 'utf8')).trim()];
  const token = randomBytes(24).toString('base64url');
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  return [token];
}

/** The gateway-to-subgraph secret: NEWSGRAPH_SUBGRAPH_SECRET, or one generated once and kept. */
async function subgraphSecret(configured: string | undefined, dataDir: string): Promise<string> {
  if (configured) return configured;
  const file = path.join(dataDir, 'subgraph-secret');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

function runIngest(target: string, url: string, token: string): Promise<number> {
  return new Promise((resolve) => {
    const child = fork(path.join(__dirname, 'ingest.js'), [target, '--url', url, '--token', token], { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<void> {
  let config: StartConfig;
  try {
    config = loadStartConfig(process.env);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
  const { dataDir } = config;
  const logDir = path.join(dataDir, 'logs');
  await mkdir(logDir, { recursive: true });
  let embedded: EmbeddedServer | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    console.log(`starting embedded PostgreSQL under ${path.relative(REPO_ROOT, path.join(dataDir, 'pg')) || dataDir} …`);
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: config.pgPort });
    databaseUrl = embedded.url;
  }
  const tokens = await writeTokens(config.writeTokens, dataDir);
  let stack: Stack | undefined;
  let supervisor: Supervisor | undefined;
  let watchdog: { stop(): Promise<void> } | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping newsgraph …');
    supervisor?.stop();
    await stack?.stop().catch((e) => console.error(e));
    await watchdog?.stop().catch((e) => console.error(e));
    if (!watchdog) await embedded?.stop().catch((e) => console.error(e));
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    stack = await startStack({
      databaseUrl,
      writeTokens: tokens,
      subgraphSecret: await subgraphSecret(config.subgraphSecret, dataDir),
      log: serviceOutput(logDir),
      ports: config.ports,
    });
    // a crashed service is started again (with backoff) while the others go on serving
    supervisor = superviseStack(stack, { log: (line) => console.error(line) });
    if (embedded) watchdog = watchEmbeddedPostgres(embedded, (line) => console.error(line));
    // The seed is loaded once per database server (the embedded one moves between free ports).
    const server = embedded
      ? 'embedded'
      : createHash('sha256')
          .update(databaseUrl.replace(/:[^:@/]*@/, '@'))
          .digest('hex')
          .slice(0, 12);
    const marker = path.join(dataDir, `seeded-${server}`);
    if (!existsSync(marker)) {
      console.log('loading the seed example …');
      const code = await runIngest(SEED_DIR, stack.gatewayUrl, tokens[0]);
      if (code !== 0) throw new Error('loading the seed example failed');
      await writeFile(marker, `${new Date().toISOString()}\n`);
    }
    const live = stack.gatewayUrl.replace(/\/graphql$/, '/live');
    const metrics = stack.gatewayMetricsUrl;
    console.log(`
newsgraph is running
  GraphQL + playground  ${stack.gatewayUrl}
  live dashboard        ${live}
  review articles       ${live.replace(/\/live$/, '/review')}
  write token           ${tokens[0]}${config.writeTokens.length ? ' (from NEWSGRAPH_WRITE_TOKENS)' : ` (kept in ${path.relative(REPO_ROOT, path.join(dataDir, 'write-token'))})`}
  load news             npm run ingest -- <file or folder>   (articles: npm run extract -- <file> --ingest)
  metrics, logs         ${metrics} (and /metrics on each subgraph), .data/logs/<service>.log
Press Ctrl-C to stop.`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    await shutdown(1);
  }
}

void main();
