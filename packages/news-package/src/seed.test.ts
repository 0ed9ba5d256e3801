import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkPackage, validatePackage } from './validate';

// compiled to packages/news-package/dist/, so the repository root is three levels up
const SEED = path.resolve(__dirname, '../../../fixtures/seed/spain-denies-us-claims.package.json');

test('the seed package is valid and self-contained', async () => {
  const doc = JSON.parse(readFileSync(SEED, 'utf8'));
  const { problems, references, normalised } = checkPackage(doc);
  expect(problems).toEqual([]);
  expect(references).toEqual({ actors: [], sources: [], claims: [], statements: [], outlets: [] });
  expect(normalised!.statements!.map((s) => s.key)).toEqual([
    'stmt:leavitt-spain-agrees-2026-03-04',
    'stmt:albares-denies-change-2026-03-04',
    'stmt:albares-territory-not-used-2026-03-04',
    'stmt:spanish-officials-territory-not-available-2026-03-05',
    'stmt:iran-thanks-spain-2026-03-04',
    'stmt:white-house-agreement-exists-2026-03-04',
  ]);
  // no resolver: every reference must be internal
  expect(await validatePackage(doc)).toMatchObject({ ok: true, problems: [] });
});
