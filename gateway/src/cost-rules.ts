import { ANSWER_BOUNDS, boundDay, bucketCount, BucketInterval, MAX_BUCKETS } from '@newsgraph/kit';
import { LIST_BOUNDS, STATEMENT_TOPICS_READ } from '@newsgraph/news-package';

/**
 * What some lists really return, for the cost limit (limits.ts), where the generic rule (`first`,
 * else a default) does not fit: plain lists with a fixed bound, and lists whose size follows from
 * the arguments of a field above them. Keys are `Type.field` in the public schema.
 */

/**
 * Plain lists with a bound in the data: ContestedClaim's sides (the subgraph keeps 20 actors each),
 * and the lists an item is written with, bounded at write (news-package LIST_BOUNDS: validation and
 * a database constraint) and read no further. Every other plain list of the public schema takes
 * `first` (priced by it, else by its default); only introspection's lists, bounded by the schema
 * itself, fall back to ASSUMED_LIST_SIZE (limits.test.ts checks that no other list does).
 */
export const FIXED_LIST_SIZES: Readonly<Record<string, number>> = {
  'ContestedClaim.affirmedBy': 20,
  'ContestedClaim.deniedBy': 20,
  'Actor.aliases': LIST_BOUNDS.aliases,
  'Actor.memberships': LIST_BOUNDS.memberships,
  'Source.derivedFrom': LIST_BOUNDS.derivedFrom,
  'Claim.topics': LIST_BOUNDS.claimTopics,
  'Statement.topics': STATEMENT_TOPICS_READ,
  'Statement.stances': LIST_BOUNDS.stances,
  'Statement.relations': LIST_BOUNDS.relations,
  'Statement.attestations': LIST_BOUNDS.attestations,
  'ExportedStatement.stances': LIST_BOUNDS.stances,
  'ExportedStatement.attestations': LIST_BOUNDS.attestations,
  // enforced by the statements (attribution) and alerts (registrations) subgraphs
  'Attribution.steps': ANSWER_BOUNDS.attributionSteps,
  'Query.webhooks': ANSWER_BOUNDS.webhooks,
};

/** Arguments of a field, resolved with the operation's variables. */
export type Arguments = Record<string, unknown>;

/**
 * Fields whose arguments fix the sizes of lists below them: returns `Type.field` -> size for the
 * selection under the field.
 */
export const NESTED_LIST_SIZES: Readonly<Record<string, (args: Arguments) => Record<string, number>>> = {
  // a page of the bulk export: `first` statements, 500 when not given (statements' MAX_EXPORT_PAGE)
  'Query.statementExport': (args) => ({
    'StatementExportPage.statements':
      typeof args.first === 'number' && Number.isFinite(args.first) ? Math.max(0, Math.min(ANSWER_BOUNDS.exportPage, args.first)) : ANSWER_BOUNDS.exportPage,
  }),
  // buckets: the range of filter.saidAfter/saidBefore in the interval, MAX_BUCKETS when open
  // (the subgraph refuses more); parts: 3 stances, or the speakers asked for plus "others"
  'Query.statementCounts': (args) => {
    const filter = (args.filter ?? {}) as Arguments;
    const interval = (typeof args.interval === 'string' ? args.interval : 'DAY') as BucketInterval;
    const first = boundDay(typeof filter.saidAfter === 'string' ? filter.saidAfter : null, 'start');
    const last = boundDay(typeof filter.saidBefore === 'string' ? filter.saidBefore : null, 'end');
    const known = first !== null && last !== null && ['DAY', 'WEEK', 'MONTH'].includes(interval);
    const buckets = known ? Math.min(MAX_BUCKETS, bucketCount(first, last, interval)) : MAX_BUCKETS;
    const actors = typeof args.actors === 'number' && Number.isFinite(args.actors) ? Math.max(1, Math.min(50, args.actors)) : 10;
    const parts = args.split === 'STANCE' ? 3 : args.split === 'ACTOR' ? actors + 1 : 0;
    return { 'StatementCounts.buckets': buckets, 'CountBucket.parts': parts };
  },
};
