export * from './types';
export * from './dates';
export * from './keys';
export * from './package.schema';
export * from './validate';
export type { ReferenceKind, Usage } from './semantic-checks';
export * from './database-limits';
