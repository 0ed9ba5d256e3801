import { execFileSync } from 'node:child_process';
import path from 'node:path';

// Every ingest pays for the CLI's start before its first request: the modules it loads are on the
// critical path of a run. The kit's barrel (the subgraph stack) once cost ~1 s of CPU per run.
describe('ingest CLI start', () => {
  test('loads none of the server stack', () => {
    const entry = path.resolve(__dirname, '../ingest.js');
    const loaded: string[] = JSON.parse(
      execFileSync(process.execPath, ['-e', `require(${JSON.stringify(entry)}); process.stdout.write(JSON.stringify(Object.keys(require.cache)))`], {
        encoding: 'utf8',
      }),
    );
    // the entry itself was loaded (a wrong path would load nothing and pass)
    expect(loaded).toContain(entry);
    const server = loaded.filter((f) => /[\\/]node_modules[\\/](typeorm|express|@apollo|type-graphql|graphql|pg|pino|@opentelemetry)[\\/]/.test(f));
    expect(server).toEqual([]);
  });
});
