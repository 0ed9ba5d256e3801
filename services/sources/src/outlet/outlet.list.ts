import {
  checkSearch,
  badInput,
  ConnectionShape,
  decodeCursor,
  encodeCursor,
  keysetOrder,
  keysetPredicate,
  pageRequest,
  SortColumn,
  toPage,
  containsPattern,
  Params,
} from '@newsgraph/kit';
import { foldText } from '@newsgraph/news-package';
import { DataSource } from 'typeorm';
import { OUTLET_COLUMNS, OutletModel, OutletRow, toOutletModel } from './outlet.types';

export interface OutletListArgs {
  search?: string | null;
  country?: string | null;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** By folded name, then key. */
const OUTLET_ORDER: SortColumn[] = [{ sql: 'o.name_folded' }, { sql: 'o.key' }];

/** Outlets by name (folded), then key; checks the arguments first. */
export async function listOutlets(db: DataSource, args: OutletListArgs): Promise<ConnectionShape<OutletModel>> {
  const page = pageRequest(args);
  const after = decodeCursor(page.after, ['string', 'string'], 'after');
  const before = decodeCursor(page.before, ['string', 'string'], 'before');
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
  const add = (v: unknown) => params.add(v);
  const bounds = [
    ...(after ? [keysetPredicate(OUTLET_ORDER, after, 'after', add)] : []),
    ...(before ? [keysetPredicate(OUTLET_ORDER, before, 'before', add)] : []),
  ];
  const cursor = bounds.map((b) => ` AND ${b}`).join('');
  const [rows, counted] = await Promise.all([
    db.query<OutletRow[]>(
      `SELECT ${OUTLET_COLUMNS} FROM outlet o WHERE ${filter}${cursor} ORDER BY ${keysetOrder(OUTLET_ORDER, page.backward)} LIMIT ${page.size + 1}`,
      params.values,
    ),
    db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM outlet o WHERE ${filter}`, countParams),
  ]);
  return toPage(
    rows.map(toOutletModel),
    page,
    counted[0].n,
    (o: OutletModel) => encodeCursor([o.nameFolded, o.key]),
    (o: OutletModel) => o,
  );
}
