import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { discoverPackageFiles, displayPath } from './files';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ingest-files-'));
  for (const f of ['b.json', 'a.json', 'notes.txt', 'sub/z.json', 'sub/deeper/c.json', 'Sub2/y.json', 'c.JSON', 'empty/.keep', 'single.pkg']) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), '{}');
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a folder means every *.json inside, recursively, sorted by name', async () => {
  const files = await discoverPackageFiles(['.'], dir);
  expect(files.map((f) => path.relative(dir, f))).toEqual([
    'Sub2/y.json', // code point order: capitals first, the same on every machine
    'a.json',
    'b.json',
    'sub/deeper/c.json',
    'sub/z.json',
  ]);
});

test('inputs keep their order, a file is taken whatever its name, and nothing is loaded twice', async () => {
  const files = await discoverPackageFiles(['single.pkg', 'sub', 'sub/z.json', 'a.json'], dir);
  expect(files.map((f) => path.relative(dir, f))).toEqual(['single.pkg', 'sub/deeper/c.json', 'sub/z.json', 'a.json']);
});

test('missing paths and folders without packages are errors', async () => {
  await expect(discoverPackageFiles(['nope.json'], dir)).rejects.toThrow('nope.json: no such file or folder');
  await expect(discoverPackageFiles(['empty'], dir)).rejects.toThrow('empty: no *.json file in this folder');
});

test('files are shown relative to the working directory when inside it', () => {
  expect(displayPath(path.join(dir, 'sub/z.json'), dir)).toBe(path.join('sub', 'z.json'));
  expect(displayPath('/elsewhere/p.json', dir)).toBe('/elsewhere/p.json');
});
