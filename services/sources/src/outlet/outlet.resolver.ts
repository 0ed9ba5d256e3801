import { notFound } from '@newsgraph/kit';
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { SourcesContext } from '../context';
import { parseSourceListArgs } from '../source/source.list';
import { OutletSourcesArgs } from '../source/source.inputs';
import { SourceConnection } from '../source/source.types';
import { OutletsArgs } from './outlet.inputs';
import { listOutlets } from './outlet.list';
import { Outlet, OutletConnection, OutletModel } from './outlet.types';

@Resolver(() => Outlet)
export class OutletResolver {
  @Query(() => Outlet, { nullable: true, description: 'One outlet by key; an unknown key is a NOT_FOUND error.' })
  async outlet(@Arg('key', { description: 'Key of the outlet, e.g. `outlet:novinite`.' }) key: string, @Ctx() ctx: SourcesContext): Promise<OutletModel> {
    const found = await ctx.loaders.outletByKey.load(key);
    if (!found) throw notFound('outlet', key);
    return found;
  }

  @Query(() => OutletConnection, { description: 'Outlets by name.' })
  outlets(@Args() args: OutletsArgs, @Ctx() ctx: SourcesContext) {
    return listOutlets(ctx.dataSource, args);
  }

  @FieldResolver(() => SourceConnection, { description: 'Sources of this outlet, newest first.' })
  sources(@Root() outlet: OutletModel, @Args() args: OutletSourcesArgs, @Ctx() ctx: SourcesContext) {
    const { filter, page } = parseSourceListArgs(args);
    return ctx.loaders.sourcesOfOutlet(filter, page).load(outlet.key);
  }
}
