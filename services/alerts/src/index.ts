export { buildAlertsSchema, createAlertsSubgraph, AlertsSubgraphDeps } from './subgraph';
export { createAlertsDataSource, alertsMigrations } from './data-source';
export { verifySignature, signature } from './delivery/sign';
