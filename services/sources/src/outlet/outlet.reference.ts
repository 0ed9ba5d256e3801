import type { SourcesContext } from '../context';
import type { OutletModel } from './outlet.types';

/** `_entities` asks once per representation; the loader turns a batch of them into one query. */
export const outletReference = {
  __resolveReference(reference: { key: string }, ctx: SourcesContext): Promise<OutletModel | null> {
    return ctx.loaders.outletByKey.load(reference.key);
  },
};
