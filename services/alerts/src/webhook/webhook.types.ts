import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum WebhookStatus {
  ACTIVE = 'ACTIVE',
  PARKED = 'PARKED',
}
registerEnumType(WebhookStatus, {
  name: 'WebhookStatus',
  description: 'Whether a webhook is being delivered.',
  valuesConfig: {
    ACTIVE: { description: 'New matching statements are delivered as they arrive (retried when the receiver fails).' },
    PARKED: { description: 'Delivery stopped after repeated failure (see `parkedReason`); `resumeWebhook` starts it again where it stopped.' },
  },
});

/**
 * Which statements a webhook receives: the fields of `StatementFilter` (same meaning), as strings.
 * Declared here as a type of its own: the alerts subgraph does not own `StatementFilter`; the
 * filter is checked against the live feed's own type through the gateway when registered.
 */
@ObjectType('WebhookFilterValue', { description: 'The filter a webhook was registered with (the fields of `StatementFilter`).' })
@InputType('WebhookFilter', {
  description: 'Which new statements to deliver: the fields of `StatementFilter`, with the same meaning; absent fields do not narrow.',
})
export class WebhookFilter {
  @Field(() => String, { nullable: true, description: 'Statements by this actor (roll-up, as `StatementFilter.by`).' })
  by?: string | null;

  @Field(() => String, { nullable: true, description: 'Statements about this topic.' })
  topic?: string | null;

  @Field(() => String, { nullable: true, description: 'Full-text search of the statement text.' })
  text?: string | null;

  @Field(() => String, { nullable: true, description: 'Statements taking a stance on this claim.' })
  claim?: string | null;

  @Field(() => String, { nullable: true, description: 'With `claim`: only this stance (`AFFIRMS` or `DENIES`).' })
  stance?: string | null;

  @Field(() => String, { nullable: true, description: 'Statements whose speaker is exactly this actor.' })
  speaker?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this form (`DIRECT_QUOTE`, `INDIRECT_QUOTE`, `PARAPHRASE`).' })
  form?: string | null;

  @Field(() => String, { nullable: true, description: 'Only statements in this language.' })
  language?: string | null;
}

export const FILTER_FIELDS = ['by', 'topic', 'text', 'claim', 'stance', 'speaker', 'form', 'language'] as const;

@ObjectType({
  description: 'A URL that receives every new statement matching a filter, once each, in commit order, signed with the secret shown at registration.',
})
export class Webhook {
  @Field(() => ID, { description: 'The webhook id (`wh_…`); it is also the first part of every delivery id.' })
  id: string;

  @Field({ description: 'Where deliveries are POSTed.' })
  url: string;

  @Field(() => WebhookFilter, { description: 'Which statements are delivered.' })
  filter: WebhookFilter;

  @Field(() => WebhookStatus, { description: 'Whether deliveries run.' })
  status: WebhookStatus;

  @Field(() => String, { nullable: true, description: 'Why delivery stopped, when PARKED (the last failure, e.g. `HTTP 500 from the receiver`).' })
  parkedReason: string | null;

  @Field(() => String, { nullable: true, description: 'The last failed attempt’s reason, while retrying.' })
  lastError: string | null;

  @Field(() => Int, { description: 'Statements delivered so far.' })
  deliveredCount: number;

  @Field(() => Int, { description: 'Failed attempts in a row for the statement being delivered (0 when all is well).' })
  failedAttempts: number;

  @Field({ description: 'When it was registered (ISO instant).' })
  createdAt: string;

  @Field(() => String, { nullable: true, description: 'When the last delivery succeeded (ISO instant).' })
  lastDeliveredAt: string | null;

  @Field(() => String, { nullable: true, description: 'The live feed cursor of the last statement delivered: delivery resumes after it.' })
  cursor: string | null;
}

@ObjectType({ description: 'A new webhook and its signing secret, shown this once.' })
export class WebhookRegistration {
  @Field(() => Webhook, { description: 'The webhook.' })
  webhook: Webhook;

  @Field({
    description:
      'Signs every delivery: `x-newsgraph-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with this secret>`. Shown only here; keep it.',
  })
  secret: string;
}
