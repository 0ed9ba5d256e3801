import { notFound, pageSize, Params } from '@newsgraph/kit';
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Claim } from '../claim/claim.types';
import { StatementsContext } from '../context';
import { saidAtWindow, saidBound } from '../statement/statement.sql';
import { ContestedClaim } from './position.types';
import { topLevelOfAll } from './top-level';

/** Top-level actors listed per side of a contested claim. */
export const MAX_SIDE_ACTORS = 20;

interface Voice {
  stance: 'AFFIRMS' | 'DENIES';
  speakerKey: string;
  onBehalfOfKey: string | null;
  saidOn: string;
  count: number;
}

/** One ranked claim; `voices` is json_agg of [stance, speaker, onBehalfOf, day, count] (never null: a ranked claim has stances). */
interface ContestedRow {
  claim_key: string;
  n: number;
  affirms: number;
  denies: number;
  last_said_at: string;
  voices: [Voice['stance'], string, string | null, string, number][];
}

/** Actors by how many of the voices they stand for, most first, then by key. */
function side(voices: readonly Voice[], actors: readonly string[][], stance: Voice['stance']): { key: string }[] {
  const counts = new Map<string, number>();
  voices.forEach((v, n) => {
    if (v.stance === stance) for (const a of actors[n]) counts.set(a, (counts.get(a) ?? 0) + v.count);
  });
  return [...counts]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, MAX_SIDE_ACTORS)
    .map(([key]) => ({ key }));
}

@Resolver(() => ContestedClaim)
export class ContestedClaimsResolver {
  @FieldResolver(() => Claim, { description: 'The claim.' })
  claim(@Root() c: ContestedClaim, @Ctx() ctx: StatementsContext) {
    return ctx.loaders.claimByKey.load(c.claimKey);
  }

  @Query(() => [ContestedClaim], {
    description:
      'Claims both affirmed and denied by statements said in the period (`[saidAfter, saidBefore)`), most active first (statements on the claim in the period, then the latest of them, then key), each with the top-level actors on either side. `first` is 0-100, default 20.',
  })
  async contestedClaims(
    @Arg('saidAfter', () => String, {
      nullable: true,
      description: 'Said at or after this moment (`YYYY`, `YYYY-MM`, `YYYY-MM-DD` or an ISO instant with offset).',
    })
    saidAfter: string | null,
    @Arg('saidBefore', () => String, { nullable: true, description: 'Said before this moment (same forms as `saidAfter`).' }) saidBefore: string | null,
    @Arg('topic', () => String, { nullable: true, description: 'Only claims carrying this topic (an unknown topic is a NOT_FOUND error).' })
    topic: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'How many claims, 0 to 100 (default 20).' }) first: number | null,
    @Ctx() ctx: StatementsContext,
  ): Promise<ContestedClaim[]> {
    const size = pageSize(first);
    const params = new Params();
    // `period` tests the statement (s), `claims` the stance (st)
    const period: string[] = [];
    const claims: string[] = [];
    if (saidAfter != null) period.push(saidBound('s', saidAfter, 'start', 'saidAfter', params));
    if (saidBefore != null) period.push(saidBound('s', saidBefore, 'end', 'saidBefore', params));
    period.push(...saidAtWindow('s', saidAfter, saidBefore, params));
    if (topic != null) {
      const [{ known }] = await ctx.db.query(
        `SELECT EXISTS (SELECT 1 FROM statement WHERE all_topics @> ARRAY[$1]::text[])
             OR EXISTS (SELECT 1 FROM claim WHERE topics @> ARRAY[$1]::text[]) AS known`,
        [topic],
      );
      if (!known) throw notFound('topic', topic);
      claims.push(`st.claim_key IN (SELECT key FROM claim WHERE topics @> ARRAY[${params.add(topic)}]::text[])`);
    }
    if (size === 0) return [];
    const inPeriod = period.length ? ` AND ${period.join(' AND ')}` : '';
    const limit = params.add(size);
    // One query. The ranking counts stances per claim (from the stance table alone when the period
    // is open: an index-only scan, no statement read); only the claims that can still rank (at
    // least as many statements as the size-th) have their latest statement looked up for the
    // tie-break, and only the ranked ones have their voices read: who spoke on which side, grouped
    // by speaker, onBehalfOf and day, which is all the top-level rule needs.
    const rows = await ctx.db.query<ContestedRow[]>(
      `WITH counts AS (
         SELECT st.claim_key, count(*)::int AS n,
                count(*) FILTER (WHERE st.stance = 'AFFIRMS')::int AS affirms,
                count(*) FILTER (WHERE st.stance = 'DENIES')::int AS denies
           FROM stance st ${period.length ? 'JOIN statement s ON s.key = st.statement_key' : ''}
          WHERE ${[...period, ...claims].join(' AND ') || 'true'}
          GROUP BY st.claim_key
         HAVING count(*) FILTER (WHERE st.stance = 'AFFIRMS') > 0 AND count(*) FILTER (WHERE st.stance = 'DENIES') > 0
       ),
       cut AS (SELECT n FROM counts ORDER BY n DESC OFFSET ${limit}::int - 1 LIMIT 1),
       ranked AS (
         SELECT c.*, l.said_at AS last_at, l.said_at_text AS last_said_at
           FROM counts c
           CROSS JOIN LATERAL (
             SELECT s.said_at, s.said_at_text, s.key FROM stance st JOIN statement s ON s.key = st.statement_key
              WHERE st.claim_key = c.claim_key${inPeriod} ORDER BY s.said_at DESC, s.key DESC LIMIT 1
           ) l
          WHERE c.n >= COALESCE((SELECT n FROM cut), 0)
          ORDER BY c.n DESC, l.said_at DESC, c.claim_key LIMIT ${limit}
       )
       SELECT r.claim_key, r.n, r.affirms, r.denies, r.last_said_at,
              (SELECT json_agg(json_build_array(v.stance, v.speaker_key, v.on_behalf_of_key, v.said_on::text, v.n))
                 FROM (SELECT st.stance, s.speaker_key, s.on_behalf_of_key, s.said_on, count(*)::int AS n
                         FROM stance st JOIN statement s ON s.key = st.statement_key
                        WHERE st.claim_key = r.claim_key${inPeriod} GROUP BY 1, 2, 3, 4) v) AS voices
         FROM ranked r ORDER BY r.n DESC, r.last_at DESC, r.claim_key`,
      params.values,
    );
    const voices: Voice[][] = rows.map((r) =>
      r.voices.map(([stance, speakerKey, onBehalfOfKey, saidOn, count]) => ({ stance, speakerKey, onBehalfOfKey, saidOn, count })),
    );
    const actors = await topLevelOfAll(voices.flat(), ctx.loaders.topLevel);
    let offset = 0;
    return rows.map((r, n) => {
      const mine = actors.slice(offset, offset + voices[n].length);
      offset += voices[n].length;
      return {
        claimKey: r.claim_key,
        statementCount: r.n,
        affirmCount: r.affirms,
        denyCount: r.denies,
        lastSaidAt: r.last_said_at,
        affirmedBy: side(voices[n], mine, 'AFFIRMS'),
        deniedBy: side(voices[n], mine, 'DENIES'),
      };
    });
  }
}
