export * from './logger';
export * from './metrics';
export * from './scope';
export * from './subgraph-requests';
export * from './tracing';
export * from './process';
