import path from 'node:path';
import { importCycles, importGraph, SOURCE_ROOTS, sourceFiles } from './import-cycles';

const ROOT = path.resolve(__dirname, '../..');

describe('import cycles', () => {
  test('the detector finds a circle, type-only and through index files included', () => {
    const files = ['/r/a.ts', '/r/b.ts', '/r/c/index.ts', '/r/d.ts', '/r/e.ts'];
    const text: Record<string, string> = {
      '/r/a.ts': "import type { B } from './b';\nexport const a = 1;",
      '/r/b.ts': "export { c } from './c';\nexport type B = number;",
      '/r/c/index.ts': "import { a } from '../a.js';\nexport const c = a;",
      '/r/d.ts': "import { a } from './a';\nimport x from 'some-package';",
      '/r/e.ts': "import { e } from './e';",
    };
    const cycles = importCycles(importGraph(files, (f) => text[f]));
    expect(cycles).toEqual([['/r/a.ts', '/r/b.ts', '/r/c/index.ts'], ['/r/e.ts']]);
  });

  test('no file of the house is in an import circle', () => {
    const files = SOURCE_ROOTS.flatMap((r) => sourceFiles(path.join(ROOT, r)));
    // the walk reached the code (a wrong root would find nothing and pass)
    expect(files).toContain(path.join(ROOT, 'services/statements/src/rollup/coalesce.ts'));
    const cycles = importCycles(importGraph(files)).map((c) => c.map((f) => path.relative(ROOT, f)));
    expect(cycles).toEqual([]);
  });
});
