import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TestStack } from '../harness';

/** The seed article every statement of the /live tests is attested by. */
export const NOVINITE = 'src:novinite-2026-03-05-spain-denies';

/** A statement on base use, said the day after the seed, attested by the seed article. */
export function statement(key: string, speaker: string, text: string, extra: object = {}) {
  return { key, speaker, text, saidAt: '2026-03-06', topics: ['base-use'], attestations: [{ source: NOVINITE }], ...extra };
}

/** Loads statements through the real CLI, as an editor would, failing with its output. */
export async function ingestStatements(stack: TestStack, dir: string, name: string, statements: object[]): Promise<void> {
  const file = path.join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify({ format: 'newsgraph.package/v1', statements }, null, 2));
  const res = await stack.ingest([file]);
  if (res.code !== 0) throw new Error(`ingest of ${name} failed:\n${res.stdout}\n${res.stderr}`);
}
