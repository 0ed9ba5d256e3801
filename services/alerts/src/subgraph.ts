import 'reflect-metadata';
import { buildFederatedSchema, createSubgraphServer, Logger, NewsgraphMetrics, SubgraphServer } from '@newsgraph/kit';
import { GraphQLSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { createContextFactory } from './context';
import { GatewayLink } from './gateway-link';
import { WebhookResolver } from './webhook/webhook.resolver';
import { WebhookStore } from './webhook/webhook.store';

/** The alerts subgraph schema (Federation 2): webhooks, their registration and their state. */
export async function buildAlertsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: [WebhookResolver], validate: false });
}

export interface AlertsSubgraphDeps {
  dataSource: DataSource;
  writeTokens: string[];
  gateway: GatewayLink;
  allowPrivateReceivers: boolean;
  /** called when a registration changes, so deliveries start or stop at once */
  changed(): void;
  production?: boolean;
  subgraphSecret?: string;
  logger?: Logger;
  metrics?: NewsgraphMetrics;
  metricsToken?: string;
}

export async function createAlertsSubgraph(deps: AlertsSubgraphDeps): Promise<SubgraphServer> {
  const store = new WebhookStore(deps.dataSource);
  return createSubgraphServer({
    name: 'alerts',
    schema: await buildAlertsSchema(),
    dataSource: deps.dataSource,
    createContext: createContextFactory(
      { store, gateway: deps.gateway, allowPrivateReceivers: deps.allowPrivateReceivers, changed: deps.changed },
      deps.writeTokens,
    ),
    production: deps.production,
    secret: deps.subgraphSecret,
    logger: deps.logger,
    metrics: deps.metrics,
    metricsToken: deps.metricsToken,
  });
}
