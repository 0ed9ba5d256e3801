import { ReferenceResolvers } from '@newsgraph/kit';
import { ActorsContext } from '../context';

/**
 * `_entities` calls this once per representation; the loader turns a batch of them into one
 * query. An unknown key resolves to null.
 */
export const actorReference: ReferenceResolvers = {
  Actor: {
    __resolveReference: (reference: { key: string }, ctx: ActorsContext) => ctx.loaders.actorByKey.load(reference.key),
  },
};
