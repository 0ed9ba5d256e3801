export { createGateway } from './create-gateway';
export type { Gateway, GatewayOptions, RunningGateway } from './create-gateway';
export { loadSupergraph, SUPERGRAPH_PATH } from './supergraph';
export type { SubgraphName } from './supergraph';
export { loadGatewayConfig } from './config';
export type { GatewayConfig } from './config';
