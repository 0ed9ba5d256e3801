import { keyedLoader } from '@newsgraph/kit';
import { DataSource } from 'typeorm';
import { Topic } from './topic.types';

/** A topic's counts as the database returns them. */
export interface TopicRow {
  key: string;
  statement_count: number;
  claim_count: number;
}

export function toTopic(r: TopicRow): Topic {
  return { key: r.key, statementCount: r.statement_count, claimCount: r.claim_count };
}

/** Topics by key with their counts (computed from the arrays), one query per batch. */
export function createTopicLoaders(db: DataSource) {
  const topicByKey = keyedLoader<string, Topic>(
    async (keys) =>
      (
        await db.query<TopicRow[]>(
          `SELECT k.key,
                  (SELECT count(*)::int FROM statement WHERE all_topics @> ARRAY[k.key]) AS statement_count,
                  (SELECT count(*)::int FROM claim WHERE topics @> ARRAY[k.key]) AS claim_count
             FROM unnest($1::text[]) AS k(key)`,
          [keys],
        )
      ).map(toTopic),
    (t) => t.key,
  );
  return { topicByKey };
}
