import Ajv2020 from 'ajv/dist/2020';
import standaloneCode from 'ajv/dist/standalone';
import { newsPackageSchema } from './package.schema';

/** The options the package schema is checked with (schema-problems.ts relies on allErrors and verbose). */
export const VALIDATOR_OPTIONS = { allErrors: true, verbose: true, allowUnionTypes: true, strict: true } as const;

/**
 * The package schema's validator as ajv "standalone" code, committed as `src/package.validator.ts`:
 * compiling the schema at start-up took ~150 ms (plus ~55 ms to load ajv's compiler) in every CLI
 * run and service start; the generated code loads in a few ms. Regenerate after changing
 * package.schema.ts:
 * `npx tsc -b packages/news-package && node packages/news-package/dist/print-validator.js > packages/news-package/src/package.validator.ts`
 */
export function validatorFileText(): string {
  const ajv = new Ajv2020({ ...VALIDATOR_OPTIONS, code: { source: true } });
  const code = standaloneCode(ajv, ajv.compile(newsPackageSchema));
  return [
    '// @ts-nocheck',
    '/* eslint-disable */',
    '// GENERATED from package.schema.ts by print-validator.ts: do not edit (schema-drift.test.ts checks it).',
    code,
    '',
  ].join('\n');
}

if (require.main === module) process.stdout.write(validatorFileText());
