import type { SourcesContext } from '../context';
import type { SourceModel } from './source.types';

/** `_entities` asks once per representation; the loader turns a batch of them into one query. */
export const sourceReference = {
  __resolveReference(reference: { key: string }, ctx: SourcesContext): Promise<SourceModel | null> {
    return ctx.loaders.sourceByKey.load(reference.key);
  },
};
