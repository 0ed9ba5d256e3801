import { badInput, globalId, Node, parseGlobalId, ParsedId } from '@newsgraph/kit';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { StatementsContext } from '../context';
import { Outlet } from './outlet.stub';

/** `nodes(ids:)` answers at most this many ids per call, like a page. */
export const MAX_NODE_IDS = 100;

/**
 * One node by global id. Statements, claims and topics are read here (unknown: null). Actors,
 * sources and outlets belong to other subgraphs: the id already says which type and key, the
 * owner is asked whether the key exists (NodeOwners), and the gateway asks it for every other field.
 */
async function resolveNode(ctx: StatementsContext, { type, key }: ParsedId): Promise<object | null> {
  switch (type) {
    case 'Statement': {
      const found = await ctx.loaders.statementByKey.load(key);
      return found && { ...found, __typename: type };
    }
    case 'Claim': {
      const found = await ctx.loaders.claimByKey.load(key);
      return found && { ...found, __typename: type };
    }
    case 'Topic': {
      const found = await ctx.loaders.topicByKey.load(key);
      return found && (found.statementCount > 0 || found.claimCount > 0) ? { ...found, __typename: type } : null;
    }
    case 'Actor':
    case 'Source':
    case 'Outlet': {
      const id = globalId(type, key);
      return (await ctx.loaders.foreignNodeKnown.load(id)) ? { __typename: type, key, id } : null;
    }
  }
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description:
      'Any object by its global id (Relay), whichever subgraph owns it: `node(id: "Actor:country:es") { ... on Actor { name } }`. Null when nothing has that id; an id that is not `<Type>:<key>` is a BAD_USER_INPUT error.',
  })
  node(
    @Arg('id', () => ID, { description: 'A global id, e.g. `Statement:stmt:albares-denies-change-2026-03-04`.' }) id: string,
    @Ctx() ctx: StatementsContext,
  ) {
    return resolveNode(ctx, parseGlobalId(id, 'id'));
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `Objects by global id, in the order asked, null where nothing has that id (at most ${MAX_NODE_IDS} ids).`,
  })
  nodes(@Arg('ids', () => [ID], { description: `Global ids (at most ${MAX_NODE_IDS}).` }) ids: string[], @Ctx() ctx: StatementsContext) {
    if (ids.length > MAX_NODE_IDS) throw badInput('ids', `at most ${MAX_NODE_IDS} ids per call, got ${ids.length}`);
    // every id is checked before any is read, so a malformed one names its place in the list
    const parsed = ids.map((id, i) => parseGlobalId(id, `ids[${i}]`));
    return Promise.all(parsed.map((p) => resolveNode(ctx, p)));
  }
}

@Resolver(() => Outlet)
export class OutletNodeResolver {
  @FieldResolver(() => ID)
  id(@Root() outlet: Outlet): string {
    return globalId('Outlet', outlet.key);
  }
}
