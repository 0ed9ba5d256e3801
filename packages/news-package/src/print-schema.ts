import { newsPackageSchema } from './package.schema';

/**
 * Prints the package JSON Schema as committed in `schema/news-package.schema.json`:
 * `node packages/news-package/dist/print-schema.js > schema/news-package.schema.json`
 */
export function schemaFileText(): string {
  return JSON.stringify(newsPackageSchema, null, 2) + '\n';
}

if (require.main === module) process.stdout.write(schemaFileText());
