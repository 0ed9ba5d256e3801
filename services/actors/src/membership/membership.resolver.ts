import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { dayArgument } from '../arguments';
import { Actor } from '../actor/actor.types';
import { ActorsContext } from '../context';
import { heldOn, Membership } from './membership.types';

@Resolver(() => Membership)
export class MembershipResolver {
  @FieldResolver(() => Actor, { description: 'The member.' })
  actor(@Root() m: Membership, @Ctx() ctx: ActorsContext) {
    return ctx.loaders.actorByKey.load(m.actorKey);
  }

  @FieldResolver(() => Actor, { description: 'The organisation the role is held in.' })
  organization(@Root() m: Membership, @Ctx() ctx: ActorsContext) {
    return ctx.loaders.actorByKey.load(m.organizationKey);
  }

  @FieldResolver(() => Boolean, { description: 'True when the membership was held on that day.' })
  activeOn(@Root() m: Membership, @Arg('date', { description: 'A day (YYYY-MM-DD).' }) date: string) {
    return heldOn(m, dayArgument('date', date));
  }
}
