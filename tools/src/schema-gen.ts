import { printSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildActorsSchema } from '@newsgraph/actors';
import { buildAlertsSchema } from '@newsgraph/alerts';
import { buildSourcesSchema } from '@newsgraph/sources';
import { buildStatementsSchema } from '@newsgraph/statements';

export const SCHEMA_DIR = path.resolve(__dirname, '../../schema');

/**
 * Routing URLs written into the committed supergraph: the production topology of
 * docker-compose.yml. Local runs and tests override them at the gateway.
 */
export const PRODUCTION_URLS = {
  actors: 'http://actors:4001/graphql',
  statements: 'http://statements:4002/graphql',
  sources: 'http://sources:4003/graphql',
  alerts: 'http://alerts:4004/graphql',
} as const;

export interface GeneratedSchemas {
  /** file name in schema/ -> content */
  files: Record<string, string>;
}

/** Prints every subgraph's SDL and composes the supergraph (MIT-licensed composition). */
export async function generateSchemas(): Promise<GeneratedSchemas> {
  const subgraphs = [
    { name: 'actors', schema: await buildActorsSchema() },
    { name: 'statements', schema: await buildStatementsSchema() },
    { name: 'sources', schema: await buildSourcesSchema() },
    { name: 'alerts', schema: await buildAlertsSchema() },
  ] as const;
  const files: Record<string, string> = {};
  const services = subgraphs.map(({ name, schema }) => {
    const sdl = printSubgraphSchema(schema).trim() + '\n';
    files[`${name}.graphql`] = sdl;
    return { name, typeDefs: parse(sdl), url: PRODUCTION_URLS[name] };
  });
  const composed = composeServices(services);
  if (!composed.supergraphSdl) {
    throw new Error(`Composition failed:\n${(composed.errors ?? []).map((e) => `  - ${e.message}`).join('\n')}`);
  }
  files['supergraph.graphql'] = composed.supergraphSdl.trim() + '\n';
  return { files };
}

export async function writeSchemas(dir = SCHEMA_DIR): Promise<string[]> {
  const { files } = await generateSchemas();
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return Object.keys(files);
}

/** Files in schema/ that differ from what the code generates now (the drift check). */
export async function schemaDrift(dir = SCHEMA_DIR): Promise<string[]> {
  const { files } = await generateSchemas();
  const drifted: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    const onDisk = await readFile(path.join(dir, name), 'utf8').catch(() => null);
    if (onDisk !== content) drifted.push(name);
  }
  return drifted;
}
