export * from './embedded-postgres';
export * from './stack';
