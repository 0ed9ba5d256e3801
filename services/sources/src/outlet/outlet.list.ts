import { checkSearch, badInput, ConnectionShape, decodeCursor, encodeCursor, pageSize, toConnection } from '@newsgraph/kit';
import { foldText } from '@newsgraph/news-package';
import { DataSource } from 'typeorm';
import { containsPattern, Params } from '../sql';
import { OUTLET_COLUMNS, OutletModel, toOutletModel } from './outlet.types';

export interface OutletListArgs {
  search?: string | null;
  country?: string | null;
  first?: number | null;
  after?: string | null;
}

/** Outlets by name (folded), then key; checks the arguments first. */
export async function listOutlets(db: DataSource, args: OutletListArgs): Promise<ConnectionShape<OutletModel>> {
  const first = pageSize(args.first);
  const after = decodeCursor(args.after, ['string', 'string']) as [string, string] | null;
  const params = new Params();
  const predicates: string[] = [];
  if (args.country != null) {
    if (!/^[A-Za-z]{2}$/.test(args.country)) throw badInput('country', `"${args.country}" is not an ISO 3166-1 alpha-2 code (e.g. BG)`);
    predicates.push(`o.country = ${params.add(args.country.toUpperCase())}`);
  }
  if (args.search != null && checkSearch('search', args.search).trim() !== '') {
    predicates.push(`o.name_folded LIKE ${params.add(containsPattern(foldText(args.search.trim())))}`);
  }
  const countParams = params.values.slice();
  const filter = predicates.length ? predicates.join(' AND ') : 'true';
  const cursor = after ? ` AND (o.name_folded, o.key) > (${params.add(after[0])}, ${params.add(after[1])})` : '';
  const [rows, counted] = await Promise.all([
    db.query(`SELECT ${OUTLET_COLUMNS} FROM outlet o WHERE ${filter}${cursor} ORDER BY o.name_folded, o.key LIMIT ${first + 1}`, params.values),
    db.query(`SELECT count(*)::int AS n FROM outlet o WHERE ${filter}`, countParams),
  ]);
  return toConnection(
    (rows as unknown[]).map(toOutletModel),
    first,
    counted[0].n,
    after !== null,
    (o: OutletModel) => encodeCursor([o.nameFolded, o.key]),
    (o: OutletModel) => o,
  );
}
