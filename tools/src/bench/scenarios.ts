import { encodeCursor, SUBGRAPH_SECRET_HEADER } from '@newsgraph/kit';
import { Pool } from 'pg';
import { BodyFactory } from './measure';

interface Interval {
  actor: string;
  from: string | null;
  to: string | null;
}

/** One typical read, in the four forms the bench compares. */
export interface Scenario {
  name: string;
  description: string;
  /** the full query through a gateway (ours and @apollo/gateway) */
  gateway: BodyFactory;
  /** the statements subgraph's share of it, sent straight to that subgraph */
  subgraph: BodyFactory;
  /** the same data by hand-written SQL: one query per database it lives in, run concurrently */
  sql: (pools: Record<string, Pool>, i: number) => Promise<unknown>;
  /** how many distinct requests `gateway` cycles through (the replay phase primes each once) */
  variants: number;
}

export interface ScenarioDeps {
  actorsUrl: string;
  pools: Record<string, Pool>;
  country: string;
  topic: string;
  otherCountry: string;
  /** the stack's gateway-to-subgraph secret (the actors' internal endpoint requires it) */
  subgraphSecret: string;
}

async function rollup(actorsUrl: string, keys: string[], secret: string): Promise<Record<string, Interval[]>> {
  const res = await fetch(`${new URL(actorsUrl).origin}/internal/rollup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SUBGRAPH_SECRET_HEADER]: secret },
    body: JSON.stringify({ to: keys }),
  });
  const body = (await res.json()) as { results: Record<string, { intervals: Interval[] }> };
  return Object.fromEntries(keys.map((k) => [k, body.results[k].intervals]));
}

const byArgs = (iv: Interval[]) => [iv.map((i) => i.actor), iv.map((i) => i.from), iv.map((i) => i.to)];
/**
 * The floor's "by": for each roll-up interval ($n..$n+2), that actor's statements in the interval,
 * newest first, through the (speaker | onBehalfOf, said_at) indexes; `limit` caps each interval's
 * share (a page), `extra` adds conditions on \`s\`. The fastest shape we know for this question.
 */
const byWalk = (n: number, extra: string, limit: string | null) => {
  const side = (column: string) => {
    const cond = `s.${column} = r.actor AND (r.f IS NULL OR s.said_on >= r.f) AND (r.t IS NULL OR s.said_on < r.t) ${extra}`;
    return limit
      ? `SELECT x.* FROM r CROSS JOIN LATERAL (SELECT s.key, s.said_at FROM statement s WHERE ${cond} ORDER BY s.said_at DESC, s.key DESC LIMIT ${limit}) x`
      : `SELECT s.key FROM r JOIN statement s ON ${cond}`;
  };
  return `WITH r AS (SELECT * FROM unnest($${n}::text[], $${n + 1}::date[], $${n + 2}::date[]) AS r(actor, f, t))
    ${side('speaker_key')} UNION ${side('on_behalf_of_key')}`;
};
const HEADLINE = `query SpainOnBaseUse($country: String!, $topic: String!, $other: String!, $first: Int!) {
  actor(key: $country) {
    key name
    statements(filter: { topic: $topic }, first: $first) {
      totalCount
      edges { cursor node {
        key text saidAt
        speaker { key name }
        attestations { quotedText source { url title outlet { name } } }
        contradictions(by: $other) { origin statement { key text speaker { key name } attestations { source { url } } } }
      } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

const HEADLINE_SUBGRAPH = `query($country: String!, $topic: String!, $other: String!, $first: Int!) {
  statements(filter: { by: $country, topic: $topic }, first: $first) {
    totalCount
    edges { cursor node {
      key text saidAt speaker { key }
      attestations { quotedText source { key } }
      contradictions(by: $other) { origin statement { key text speaker { key } attestations { source { key } } } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const ACTOR_PAGE = `query ActorPage($key: String!, $first: Int!) {
  actor(key: $key) {
    key name kind countryCode aliases { value lang } partOf { key name }
    members(first: $first) { totalCount edges { node { role from to actor { key name } } } }
    statements(first: $first) { totalCount edges { node { key text saidAt speaker { name } } } }
  }
}`;

const ACTOR_PAGE_SUBGRAPH = `query($reps: [_Any!]!, $first: Int!) {
  _entities(representations: $reps) { ... on Actor { statements(first: $first) { totalCount edges { node { key text saidAt speaker { key } } } } } }
}`;

const SEARCH = `query Search($q: String!, $first: Int!) {
  statements(filter: { text: $q }, first: $first) { totalCount edges { node { key text saidAt speaker { key name } } } }
}`;
const SEARCH_SUBGRAPH = `query($q: String!, $first: Int!) {
  statements(filter: { text: $q }, first: $first) { totalCount edges { node { key text saidAt speaker { key } } } }
}`;

const DEEP = `query DeepPage($after: String!) {
  statements(first: 50, after: $after) { edges { cursor node { key saidAt speaker { key name } } } pageInfo { hasNextPage endCursor } }
}`;
const DEEP_SUBGRAPH = `query($after: String!) {
  statements(first: 50, after: $after) { edges { cursor node { key saidAt speaker { key } } } pageInfo { hasNextPage endCursor } }
}`;

const COUNTS = `query StatementCounts($country: String!, $topic: String!, $after: String!, $before: String!) {
  statementCounts(filter: { by: $country, topic: $topic, saidAfter: $after, saidBefore: $before }, interval: DAY, split: STANCE) {
    total buckets { start count parts { stance count } }
  }
}`;

/** The quarters statementCounts cycles through: 2019 Q1 .. 2026 Q1 (the generator's range), ten of them. */
const QUARTERS = Array.from({ length: 10 }, (_, k) => {
  const q = Math.round((k * 28) / 9); // 0..28 quarters after 2019-01
  const month = (n: number) => `${2019 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
  return { after: month(q * 3), before: month(q * 3 + 3) };
});

/** How many page sizes each query cycles through (41..50, 11..20). */
const PAGE_SIZES = 10;
const SEARCH_WORDS = ['sanctions', 'ceasefire', 'tariffs', 'bases', 'diplomats', 'gas', 'grain', 'talks', 'aid', 'intelligence'];

export async function buildScenarios(d: ScenarioDeps): Promise<Scenario[]> {
  const { pools } = d;
  const actorKeys = ['foreign-affairs', 'defence', 'economy', 'interior', 'energy'].flatMap((m) => [
    `org:${d.country.split(':')[1]}-${m}`,
    `org:${d.otherCountry.split(':')[1]}-${m}`,
  ]);
  const intervals = await rollup(d.actorsUrl, [d.country, d.otherCountry, ...actorKeys], d.subgraphSecret);

  // the deep page: cursors between 50% and 90% down the whole list, newest first
  const total = (await pools.statements.query('SELECT count(*)::int AS n FROM statement')).rows[0].n as number;
  const cursors: string[] = [];
  for (let k = 0; k < 20; k++) {
    const offset = Math.floor(total * (0.5 + (0.4 * k) / 20));
    const { rows } = await pools.statements.query('SELECT key, said_at FROM statement ORDER BY said_at DESC, key DESC OFFSET $1 LIMIT 1', [offset]);
    cursors.push(encodeCursor([new Date(rows[0].said_at).toISOString(), rows[0].key]));
  }

  // pages of 41..50 (and 11..20): distinct variables per request, so no two in flight are the same
  const vary = (n: number, base: number) => base + (n % PAGE_SIZES);
  let h = 0,
    a = 0,
    s = 0,
    p = 0;
  const headlineVars = () => ({ country: d.country, topic: d.topic, other: d.otherCountry, first: vary(h++, 41) });
  const actorVars = () => {
    const n = a++;
    return { key: actorKeys[n % actorKeys.length], first: vary(Math.floor(n / actorKeys.length), 11) };
  };
  const searchVars = () => {
    const n = s++;
    return { q: SEARCH_WORDS[n % SEARCH_WORDS.length], first: vary(Math.floor(n / SEARCH_WORDS.length), 11) };
  };
  const deepVars = () => ({ after: cursors[p++ % cursors.length] });
  let c = 0;
  const countVars = () => ({ country: d.country, topic: d.topic, ...QUARTERS[c++ % QUARTERS.length] });

  const headlineSql = async (pl: Record<string, Pool>, i: number) => {
    const first = vary(i, 41);
    const [ca, cf, ct] = byArgs(intervals[d.country]);
    const [oa, of, ot] = byArgs(intervals[d.otherCountry]);
    const topic = 'AND s.all_topics @> ARRAY[$1]::text[]';
    return pl.statements.query(
      `WITH page AS (
         SELECT s.key, s.text, s.said_at, s.said_at_text, s.speaker_key FROM statement s
          WHERE s.key IN (SELECT h.key FROM (${byWalk(2, topic, '$8')}) h ORDER BY h.said_at DESC, h.key DESC LIMIT $8)),
       other AS (SELECT * FROM unnest($5::text[], $6::date[], $7::date[]) AS r(actor, f, t)),
       att AS (SELECT a.statement_key, json_agg(json_build_object('q', a.quoted_text, 's', a.source_key) ORDER BY a.ordinal) AS list
                 FROM attestation a JOIN page p ON p.key = a.statement_key GROUP BY 1),
       con AS (
         SELECT c.subject, json_agg(json_build_object('k', o.key, 't', o.text, 'sp', o.speaker_key,
                  'src', (SELECT array_agg(source_key) FROM attestation x WHERE x.statement_key = o.key))) AS list
           FROM (SELECT p.key AS subject, r.target_key AS other FROM page p JOIN relation r ON r.statement_key = p.key AND r.type = 'CONTRADICTS'
                 UNION SELECT p.key, r.statement_key FROM page p JOIN relation r ON r.target_key = p.key AND r.type = 'CONTRADICTS'
                 UNION SELECT p.key, b.statement_key FROM page p JOIN stance x ON x.statement_key = p.key
                         JOIN stance b ON b.claim_key = x.claim_key AND b.stance <> x.stance) c
           JOIN statement o ON o.key = c.other
          WHERE EXISTS (SELECT 1 FROM other r WHERE r.actor = o.speaker_key AND (r.f IS NULL OR o.said_on >= r.f) AND (r.t IS NULL OR o.said_on < r.t))
             OR EXISTS (SELECT 1 FROM other r WHERE r.actor = o.on_behalf_of_key AND (r.f IS NULL OR o.said_on >= r.f) AND (r.t IS NULL OR o.said_on < r.t))
          GROUP BY c.subject)
       SELECT (SELECT count(*) FROM (${byWalk(2, topic, null)}) m) AS total, p.*, att.list AS attestations, con.list AS contradictions
         FROM page p LEFT JOIN att ON att.statement_key = p.key LEFT JOIN con ON con.subject = p.key
        ORDER BY p.said_at DESC, p.key DESC`,
      [d.topic, ca, cf, ct, oa, of, ot, first + 1],
    );
  };

  const actorSql = async (pl: Record<string, Pool>, i: number) => {
    const key = actorKeys[i % actorKeys.length];
    const first = vary(Math.floor(i / actorKeys.length), 11);
    const [ba, bf, bt] = byArgs(intervals[key]);
    return Promise.all([
      pl.actors.query(
        `SELECT a.key, a.name, a.kind, a.country_code, p.name AS part_of_name,
                (SELECT json_agg(json_build_object('v', value, 'l', lang) ORDER BY ordinal) FROM actor_alias WHERE actor_key = a.key) AS aliases,
                (SELECT count(*) FROM membership WHERE organization_key = a.key) AS member_count,
                (SELECT json_agg(m) FROM (SELECT m.role, m.from_text, m.to_text, x.key, x.name FROM membership m JOIN actor x ON x.key = m.actor_key
                   WHERE m.organization_key = a.key ORDER BY m.actor_key, m.ordinal LIMIT $2) m) AS members
           FROM actor a LEFT JOIN actor p ON p.key = a.part_of WHERE a.key = $1`,
        [key, first + 1],
      ),
      pl.statements.query(
        `SELECT (SELECT count(*) FROM (${byWalk(1, '', null)}) m) AS total,
                (SELECT json_agg(x) FROM (SELECT s.key, s.text, s.said_at_text, s.speaker_key FROM statement s
                   WHERE s.key IN (SELECT h.key FROM (${byWalk(1, '', '$4')}) h ORDER BY h.said_at DESC, h.key DESC LIMIT $4)
                   ORDER BY s.said_at DESC, s.key DESC) x) AS page`,
        [ba, bf, bt, first + 1],
      ),
    ]);
  };

  const searchSql = async (pl: Record<string, Pool>, i: number) => {
    const q = SEARCH_WORDS[i % SEARCH_WORDS.length];
    const first = vary(Math.floor(i / SEARCH_WORDS.length), 11);
    const filter = `s.search @@ (websearch_to_tsquery('english', $1) || websearch_to_tsquery('simple', $1))`;
    return pl.statements.query(
      `SELECT (SELECT count(*) FROM statement s WHERE ${filter}) AS total,
              (SELECT json_agg(x) FROM (SELECT s.key, s.text, s.said_at_text, s.speaker_key FROM statement s WHERE ${filter}
                 ORDER BY s.said_at DESC, s.key DESC LIMIT $2) x) AS page`,
      [q, first + 1],
    );
  };

  const deepSql = async (pl: Record<string, Pool>, i: number) => {
    const [at, key] = JSON.parse(Buffer.from(cursors[i % cursors.length], 'base64url').toString('utf8'));
    return pl.statements.query(
      `SELECT s.key, s.said_at, s.speaker_key FROM statement s WHERE (s.said_at, s.key) < ($1::timestamptz, $2)
        ORDER BY s.said_at DESC, s.key DESC LIMIT 51`,
      [at, key],
    );
  };

  // the floor of statementCounts: the same walk over the roll-up with the period as an index range,
  // grouped by day and stance in the database
  const countsSql = async (pl: Record<string, Pool>, i: number) => {
    const { after, before } = QUARTERS[i % QUARTERS.length];
    const [ca, cf, ct] = byArgs(intervals[d.country]);
    const start = `${after}-01`;
    const end = `${before}-01`;
    const side = (column: string) => `SELECT s.key, s.said_on FROM r JOIN statement s ON s.${column} = r.actor
        AND (r.f IS NULL OR s.said_on >= r.f) AND (r.t IS NULL OR s.said_on < r.t) AND s.all_topics @> ARRAY[$1]::text[]
        AND s.said_on >= $5::date AND s.said_on < $6::date
        AND s.said_at >= ($5::date - 1)::timestamp AT TIME ZONE 'UTC' AND s.said_at < ($6::date + 1)::timestamp AT TIME ZONE 'UTC'`;
    return pl.statements.query(
      `WITH r AS (SELECT * FROM unnest($2::text[], $3::date[], $4::date[]) AS r(actor, f, t)),
       m AS (${side('speaker_key')} UNION ${side('on_behalf_of_key')})
       SELECT m.said_on, st.stance, count(DISTINCT m.key)::int AS n FROM m LEFT JOIN stance st ON st.statement_key = m.key
        GROUP BY GROUPING SETS ((m.said_on, st.stance), (m.said_on))`,
      [d.topic, ca, cf, ct, start, end],
    );
  };

  return [
    {
      name: 'headline',
      description: `CONTRACT.md §4 SpainOnBaseUse: ${d.country} on ${d.topic}, first 41..50, contradictions by ${d.otherCountry}`,
      gateway: () => ({ query: HEADLINE, variables: headlineVars() }),
      subgraph: () => ({ query: HEADLINE_SUBGRAPH, variables: headlineVars() }),
      sql: headlineSql,
      variants: PAGE_SIZES,
    },
    {
      name: 'actor page',
      description: `a ministry of ${d.country} or ${d.otherCountry}: aliases, partOf, members and statements, first 11..20`,
      gateway: () => ({ query: ACTOR_PAGE, variables: actorVars() }),
      subgraph: () => {
        const v = actorVars();
        return { query: ACTOR_PAGE_SUBGRAPH, variables: { reps: [{ __typename: 'Actor', key: v.key }], first: v.first } };
      },
      sql: actorSql,
      variants: actorKeys.length * PAGE_SIZES,
    },
    {
      name: 'full-text search',
      description: `statements(filter: { text }) over ${SEARCH_WORDS.length} words, first 11..20, with totalCount`,
      gateway: () => ({ query: SEARCH, variables: searchVars() }),
      subgraph: () => ({ query: SEARCH_SUBGRAPH, variables: searchVars() }),
      sql: searchSql,
      variants: SEARCH_WORDS.length * PAGE_SIZES,
    },
    {
      name: 'deep page',
      description: 'statements(first: 50, after) at 20 cursors 50-90% down the whole archive',
      gateway: () => ({ query: DEEP, variables: deepVars() }),
      subgraph: () => ({ query: DEEP_SUBGRAPH, variables: deepVars() }),
      sql: deepSql,
      variants: cursors.length,
    },
    {
      name: 'statement counts',
      description: `statementCounts: ${d.country} on ${d.topic} per day over one of ${QUARTERS.length} quarters, split by stance`,
      gateway: () => ({ query: COUNTS, variables: countVars() }),
      subgraph: () => ({ query: COUNTS, variables: countVars() }),
      sql: countsSql,
      variants: QUARTERS.length,
    },
  ];
}
