import { keyedLoader } from '@newsgraph/kit';
import { DataSource } from 'typeorm';
import { OUTLET_COLUMNS, OutletModel, toOutletModel } from './outlet.types';

export function createOutletLoaders(db: DataSource) {
  const outletByKey = keyedLoader<string, OutletModel>(
    async (keys) => (await db.query(`SELECT ${OUTLET_COLUMNS} FROM outlet o WHERE o.key = ANY($1)`, [keys])).map(toOutletModel),
    (o) => o.key,
  );
  return { outletByKey };
}
