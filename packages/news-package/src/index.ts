export * from './types';
export * from './dates';
export * from './keys';
