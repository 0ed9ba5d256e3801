import { fork } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { REPO_ROOT } from '../stack';
import { Batch } from './statements';
import { World } from './world';

export type Service = 'actors' | 'statements' | 'sources';
export const SERVICES: Service[] = ['actors', 'statements', 'sources'];

export function databaseUrlFor(server: string, name: string): string {
  const u = new URL(server);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs a service's own migrations (`node services/<s>/dist/main.js migrate`), as `npm start` does. */
export function migrate(service: Service, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, [`${service.toUpperCase()}_DATABASE_URL`]: url, NEWSGRAPH_WRITE_TOKENS: 'generator' };
    delete env.DATABASE_URL;
    const child = fork(path.join(REPO_ROOT, `services/${service}/dist/main.js`), ['migrate'], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${service}: migrations failed (exit ${code})\n${output}`))));
  });
}

/** Column arrays for `INSERT ... SELECT * FROM unnest(...)`: one round trip per batch. */
async function insert(db: Client, table: string, columns: Array<[string, string, unknown[]]>): Promise<void> {
  if (columns[0][2].length === 0) return;
  const names = columns.map(([n]) => n).join(', ');
  const args = columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ');
  await db.query(
    `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${args})`,
    columns.map(([, , v]) => v),
  );
}

/** Arrays of arrays cannot go through unnest (it flattens them): each row's array travels as a literal. */
const arrayLiteral = (items: readonly string[]) => `{${items.map((t) => `"${t}"`).join(',')}}`;

const CHUNK = 5_000;
function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

export async function loadActors(db: Client, world: World): Promise<void> {
  await db.query('BEGIN');
  for (const rows of chunks(world.actors)) {
    await insert(db, 'actor', [
      ['key', 'text', rows.map((a) => a.key)],
      ['kind', 'text', rows.map((a) => a.kind)],
      ['name', 'text', rows.map((a) => a.name)],
      ['name_folded', 'text', rows.map((a) => a.nameFolded)],
      ['country_code', 'text', rows.map((a) => a.countryCode)],
      ['part_of', 'text', rows.map((a) => a.partOf)],
    ]);
  }
  for (const rows of chunks(world.aliases)) {
    await insert(db, 'actor_alias', [
      ['actor_key', 'text', rows.map((a) => a.actorKey)],
      ['ordinal', 'int', rows.map((a) => a.ordinal)],
      ['value', 'text', rows.map((a) => a.value)],
      ['lang', 'text', rows.map((a) => a.lang)],
      ['value_folded', 'text', rows.map((a) => a.valueFolded)],
    ]);
  }
  for (const rows of chunks(world.memberships)) {
    await insert(db, 'membership', [
      ['actor_key', 'text', rows.map((m) => m.actorKey)],
      ['ordinal', 'int', rows.map((m) => m.ordinal)],
      ['organization_key', 'text', rows.map((m) => m.organizationKey)],
      ['role', 'text', rows.map((m) => m.role)],
      ['from_text', 'text', rows.map((m) => m.fromText)],
      ['to_text', 'text', rows.map((m) => m.toText)],
      ['from_day', 'date', rows.map((m) => m.fromDay)],
      ['to_day_exclusive', 'date', rows.map((m) => m.toDayExclusive)],
    ]);
  }
  await db.query('COMMIT');
}

export async function loadOutletsAndClaims(sources: Client, statements: Client, world: World): Promise<void> {
  const o = world.outlets;
  await insert(sources, 'outlet', [
    ['key', 'text', o.map((x) => x.key)],
    ['name', 'text', o.map((x) => x.name)],
    ['name_folded', 'text', o.map((x) => x.nameFolded)],
    ['country', 'text', o.map((x) => x.country)],
  ]);
  await statements.query('BEGIN');
  for (const rows of chunks(world.claims)) {
    await statements.query(
      `INSERT INTO claim (key, text, topics, content_hash)
       SELECT key, text, topics::text[], 'generated:' || key FROM unnest($1::text[], $2::text[], $3::text[]) AS x(key, text, topics)`,
      [rows.map((c) => c.key), rows.map((c) => c.text), rows.map((c) => arrayLiteral(c.topics))],
    );
  }
  await statements.query('COMMIT');
}

export async function loadStatementBatch(db: Client, b: Batch): Promise<void> {
  const s = b.statements;
  await db.query('BEGIN');
  await db.query(
    `INSERT INTO statement (key, speaker_key, on_behalf_of_key, text, language, form, said_at, said_on, said_at_text, venue,
                            topics, all_topics, content_hash)
     SELECT key, speaker, behalf, text, language, form, said_at, said_on, said_at_text, venue, topics::text[], all_topics::text[],
            'generated:' || key
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::date[],
                   $9::text[], $10::text[], $11::text[], $12::text[])
         AS x(key, speaker, behalf, text, language, form, said_at, said_on, said_at_text, venue, topics, all_topics)`,
    [
      s.map((r) => r.key),
      s.map((r) => r.speakerKey),
      s.map((r) => r.onBehalfOfKey),
      s.map((r) => r.text),
      s.map((r) => r.language),
      s.map((r) => r.form),
      s.map((r) => r.saidAt),
      s.map((r) => r.saidOn),
      s.map((r) => r.saidAtText),
      s.map((r) => r.venue),
      s.map((r) => arrayLiteral(r.topics)),
      s.map((r) => arrayLiteral(r.allTopics)),
    ],
  );
  await insert(db, 'stance', [
    ['statement_key', 'text', b.stances.map((r) => r.statementKey)],
    ['claim_key', 'text', b.stances.map((r) => r.claimKey)],
    ['stance', 'text', b.stances.map((r) => r.stance)],
    ['ordinal', 'int', b.stances.map((r) => r.ordinal)],
  ]);
  await insert(db, 'relation', [
    ['statement_key', 'text', b.relations.map((r) => r.statementKey)],
    ['type', 'text', b.relations.map((r) => r.type)],
    ['target_key', 'text', b.relations.map((r) => r.targetKey)],
    ['ordinal', 'int', b.relations.map((r) => r.ordinal)],
  ]);
  await insert(db, 'attestation', [
    ['statement_key', 'text', b.attestations.map((r) => r.statementKey)],
    ['ordinal', 'int', b.attestations.map((r) => r.ordinal)],
    ['source_key', 'text', b.attestations.map((r) => r.sourceKey)],
    ['quoted_text', 'text', b.attestations.map((r) => r.quotedText)],
  ]);
  await db.query('COMMIT');
}

export async function loadSourceBatch(db: Client, b: Batch): Promise<void> {
  const s = b.sources;
  await db.query('BEGIN');
  await insert(db, 'source', [
    ['key', 'text', s.map((r) => r.key)],
    ['kind', 'text', s.map((r) => r.kind)],
    ['url', 'text', s.map((r) => r.url)],
    ['canonical_url', 'text', s.map((r) => r.canonicalUrl)],
    ['title', 'text', s.map((r) => r.title)],
    ['title_folded', 'text', s.map((r) => r.titleFolded)],
    ['outlet_key', 'text', s.map((r) => r.outletKey)],
    ['published_at', 'timestamptz', s.map((r) => r.publishedAt)],
    ['published_text', 'text', s.map((r) => r.publishedText)],
    ['language', 'text', s.map((r) => r.language)],
  ]);
  await insert(db, 'source_derivation', [
    ['source_key', 'text', b.derivations.map((r) => r.sourceKey)],
    ['ordinal', 'int', b.derivations.map((r) => r.ordinal)],
    ['derived_from_key', 'text', b.derivations.map((r) => r.derivedFromKey)],
  ]);
  await db.query('COMMIT');
}
