import { generateCorpus } from './generate/index';

const USAGE = `Usage: npm run generate -- --statements N [--database-url URL] [--prefix newsgraph_] [--seed 42] [--replace]

Writes a synthetic corpus of N statements (with actors, memberships, outlets, sources, claims,
stances, relations and attestations) straight into the databases <prefix>actors,
<prefix>statements and <prefix>sources on the PostgreSQL server at --database-url (default
DATABASE_URL), after running each service's migrations. --replace drops those databases first.`;

function parse(argv: string[]) {
  const out: { statements?: number; databaseUrl?: string; prefix?: string; seed?: number; replace: boolean } = { replace: false };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (name === '--statements') out.statements = Number(value());
    else if (name === '--database-url') out.databaseUrl = value();
    else if (name === '--prefix') out.prefix = value();
    else if (name === '--seed') out.seed = Number(value());
    else if (name === '--replace') out.replace = true;
    else if (name === '-h' || name === '--help') return null;
    else throw new Error(`unknown option ${name}`);
  }
  return out;
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  if (!args) return void console.log(USAGE);
  const databaseUrl = args.databaseUrl ?? process.env.DATABASE_URL;
  if (!args.statements || !Number.isInteger(args.statements) || args.statements < 1) throw new Error(`--statements N is required\n\n${USAGE}`);
  if (!databaseUrl) throw new Error(`no server: pass --database-url postgres://... or set DATABASE_URL\n\n${USAGE}`);
  if (args.seed !== undefined && !Number.isInteger(args.seed)) throw new Error('--seed must be an integer');
  const report = await generateCorpus({ ...args, statements: args.statements, databaseUrl, log: (l) => console.log(l) });
  console.log(`\n${report.statements} statements, seed ${report.seed}, databases ${report.prefix}{actors,statements,sources}`);
  const width = Math.max(...Object.keys(report.rows).map((k) => k.length));
  for (const [table, n] of Object.entries(report.rows)) console.log(`  ${table.padEnd(width)}  ${String(n).padStart(10)}`);
  console.log(`${report.seconds.toFixed(1)} s, ${report.rowsPerSecond} rows/s (VACUUM ANALYZE done)`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
