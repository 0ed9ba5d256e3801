export * from './args';
export * from './files';
export * from './run';
