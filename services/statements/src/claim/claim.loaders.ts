import { keyedLoader } from '@newsgraph/kit';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { ClaimModel, ClaimRow, toClaimModel } from './claim.types';

interface StanceCountRow {
  claim_key: string;
  stance: 'AFFIRMS' | 'DENIES';
  n: number;
}

/** Claims by key, and per claim how many statements affirm and deny it: one query per batch each. */
export function createClaimLoaders(db: DataSource) {
  const claimByKey = keyedLoader<string, ClaimModel>(
    async (keys) => (await db.query<ClaimRow[]>('SELECT key, text, topics FROM claim WHERE key = ANY($1)', [keys])).map(toClaimModel),
    (c) => c.key,
  );

  const stanceCounts = new DataLoader<string, { AFFIRMS: number; DENIES: number }>(async (keys) => {
    const rows = await db.query<StanceCountRow[]>(
      'SELECT claim_key, stance, count(*)::int AS n FROM stance WHERE claim_key = ANY($1) GROUP BY claim_key, stance',
      [keys],
    );
    return keys.map((k) => {
      const counts = { AFFIRMS: 0, DENIES: 0 };
      for (const r of rows) if (r.claim_key === k) counts[r.stance] = r.n;
      return counts;
    });
  });

  return { claimByKey, stanceCounts };
}
