import 'reflect-metadata';
import { schemaDrift, writeSchemas } from './schema-gen';

/** `npm run schema` writes schema/*.graphql; `--check` exits 1 when they are stale. */
async function main(): Promise<void> {
  if (process.argv.includes('--check')) {
    const drifted = await schemaDrift();
    if (drifted.length) {
      console.error(`schema/ is stale: ${drifted.join(', ')}. Run \`npm run schema\` and commit the result.`);
      process.exit(1);
    }
    console.log('schema/ is up to date');
    return;
  }
  const written = await writeSchemas();
  console.log(`wrote ${written.map((f) => `schema/${f}`).join(', ')}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
