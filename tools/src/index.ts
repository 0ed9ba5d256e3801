export * from './embedded-postgres';
export * from './stack';
export * from './supervise';
// the ingest CLI's pieces (`runIngest`, `planWrites`, ...), for tests and scripts that load packages
export * as ingest from './ingest/index'; // not './ingest': that is the CLI itself (ingest.ts)
// the synthetic corpus (`generateCorpus`), for tests that need a generated archive
export * as generate from './generate/index';
