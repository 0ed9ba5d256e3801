import { readFileSync } from 'node:fs';
import path from 'node:path';
import { schemaFileText } from './print-schema';
import { validatorFileText } from './print-validator';

// schema/news-package.schema.json is a committed copy of package.schema.ts for editors and other
// tools. If this fails, run:
//   npx tsc -b packages/news-package && node packages/news-package/dist/print-schema.js > schema/news-package.schema.json
test('schema/news-package.schema.json matches package.schema.ts', () => {
  const file = path.resolve(__dirname, '../../../schema/news-package.schema.json');
  expect(readFileSync(file, 'utf8')).toBe(schemaFileText());
});

// src/package.validator.ts is the schema compiled ahead of time. If this fails, run:
//   npx tsc -b packages/news-package && node packages/news-package/dist/print-validator.js > packages/news-package/src/package.validator.ts
test('src/package.validator.ts is the compiled package.schema.ts', () => {
  const file = path.resolve(__dirname, '../src/package.validator.ts');
  expect(readFileSync(file, 'utf8')).toBe(validatorFileText());
});
