import 'reflect-metadata';
import { buildFederatedSchema, createSubgraphServer, SubgraphDeps, SubgraphServer, subgraphServerOptions } from '@newsgraph/kit';
import { GraphQLSchema } from 'graphql';
import { createContextFactory } from './context';
import { GatewayLink } from './gateway-link';
import { WebhookResolver } from './webhook/webhook.resolver';
import { WebhookStore } from './webhook/webhook.store';

/** The alerts subgraph schema (Federation 2): webhooks, their registration and their state. */
export async function buildAlertsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: [WebhookResolver], validate: false });
}

export interface AlertsSubgraphDeps extends SubgraphDeps {
  gateway: GatewayLink;
  allowPrivateReceivers: boolean;
  /** called when a registration changes, so deliveries start or stop at once */
  changed(): void;
}

export async function createAlertsSubgraph(deps: AlertsSubgraphDeps): Promise<SubgraphServer> {
  const store = new WebhookStore(deps.dataSource);
  return createSubgraphServer({
    ...subgraphServerOptions(deps),
    name: 'alerts',
    schema: await buildAlertsSchema(),
    createContext: createContextFactory(
      { store, gateway: deps.gateway, allowPrivateReceivers: deps.allowPrivateReceivers, changed: deps.changed },
      deps.writeTokens,
    ),
  });
}
