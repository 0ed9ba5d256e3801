import { badInput, notFound, requireWriter } from '@newsgraph/kit';
import { GraphQLError } from 'graphql';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { AlertsContext } from '../context';
import { compactFilter, MAX_WEBHOOKS } from './webhook.store';
import { checkReceiverUrl } from './webhook.url';
import { Webhook, WebhookFilter, WebhookRegistration } from './webhook.types';

/** Where the live feed stands, and whether the filter is one `StatementFilter` accepts, in one request. */
const CHECK = `query NewsgraphWebhookCheck($filter: StatementFilter) {
  liveFeedCursor
  statements(filter: $filter, first: 0) { edges { cursor } }
}`;

function unavailable(why: string): GraphQLError {
  return new GraphQLError(`Webhooks cannot be registered right now: ${why}`, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
}

/** Without the secret: it is shown once, at registration. */
function shown(webhook: Webhook): Webhook {
  const { secret: _secret, ...rest } = webhook as Webhook & { secret?: string };
  return rest;
}

@Resolver()
export class WebhookResolver {
  @Query(() => [Webhook], {
    description: 'Every registered webhook, oldest first, with where its delivery stands. Needs a write token (receiver URLs are not public).',
  })
  async webhooks(@Ctx() ctx: AlertsContext): Promise<Webhook[]> {
    requireWriter(ctx.caller);
    return (await ctx.store.list()).map(shown);
  }

  @Query(() => Webhook, { description: 'One webhook by id (needs a write token); an unknown id is a NOT_FOUND error.' })
  async webhook(@Arg('id', () => ID, { description: 'The webhook id (`wh_…`).' }) id: string, @Ctx() ctx: AlertsContext): Promise<Webhook> {
    requireWriter(ctx.caller);
    const found = await ctx.store.get(id);
    if (!found) throw notFound('webhook', id);
    return shown(found);
  }

  @Mutation(() => WebhookRegistration, {
    description:
      'Registers a URL to receive every statement created from now on that matches `filter`, once each, in commit order: a signed JSON POST per statement, retried with backoff while the receiver fails, parked after repeated failure. Needs a write token. The signing secret is in the answer, and only there.',
  })
  async registerWebhook(
    @Arg('url', { description: 'The receiver: an http(s) URL that answers 2xx to a delivery.' }) url: string,
    @Arg('filter', () => WebhookFilter, { nullable: true, description: 'Which statements to deliver; all new ones when absent.' }) filter: WebhookFilter | null,
    @Ctx() ctx: AlertsContext,
  ): Promise<WebhookRegistration> {
    requireWriter(ctx.caller);
    const urlProblem = checkReceiverUrl(url, ctx.allowPrivateReceivers);
    if (urlProblem) throw badInput('url', urlProblem);
    const narrowed = compactFilter(filter);
    if (!ctx.gateway.url) throw unavailable('the gateway is not known yet');
    let answer;
    try {
      answer = await ctx.gateway.request<{ liveFeedCursor: string }>(CHECK, { filter: narrowed });
    } catch (e) {
      throw unavailable(`the gateway did not answer (${e instanceof Error ? e.message : String(e)})`);
    }
    // a topic nothing is about yet is accepted, as by the live feed itself
    const refusals = (answer.errors ?? []).filter((e) => !(e.extensions?.code === 'NOT_FOUND' && narrowed.topic && e.extensions.key === narrowed.topic));
    if (refusals.length) {
      const first = refusals[0];
      throw new GraphQLError(`Invalid argument "filter": ${first.message}`, {
        extensions: { code: first.extensions?.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'BAD_USER_INPUT', argument: 'filter' },
      });
    }
    const cursor = answer.data?.liveFeedCursor;
    if (!cursor) throw unavailable('the live feed did not say where it stands');
    const created = await ctx.store.create(url, narrowed, cursor);
    if (!created) {
      throw new GraphQLError(`At most ${MAX_WEBHOOKS} webhooks can be registered; delete one (deleteWebhook) to register another.`, {
        extensions: { code: 'LIMIT_EXCEEDED' },
      });
    }
    ctx.changed();
    return { webhook: shown(created), secret: created.secret };
  }

  @Mutation(() => Boolean, { description: 'Removes a webhook; nothing more is delivered to it. Needs a write token; false when the id is unknown.' })
  async deleteWebhook(@Arg('id', () => ID, { description: 'The webhook id.' }) id: string, @Ctx() ctx: AlertsContext): Promise<boolean> {
    requireWriter(ctx.caller);
    const deleted = await ctx.store.delete(id);
    if (deleted) ctx.changed();
    return deleted;
  }

  @Mutation(() => Webhook, { description: 'Starts a PARKED webhook again, after the last statement it delivered (nothing is skipped). Needs a write token.' })
  async resumeWebhook(@Arg('id', () => ID, { description: 'The webhook id.' }) id: string, @Ctx() ctx: AlertsContext): Promise<Webhook> {
    requireWriter(ctx.caller);
    const resumed = await ctx.store.resume(id);
    if (!resumed) throw notFound('webhook', id);
    ctx.changed();
    return shown(resumed);
  }
}
