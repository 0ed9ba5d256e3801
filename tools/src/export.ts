import { EXIT, runExport } from './export/run';

// The impure part of `npm run export`: argv, env, the real fetch, stdout with its backpressure.
if (require.main === module) {
  runExport(process.argv.slice(2), process.env, {
    fetch: (url, init) => fetch(url, init),
    write: (chunk) => new Promise((resolve, reject) => process.stdout.write(chunk, (e) => (e ? reject(e) : resolve()))),
    err: (line) => console.error(line),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error('export: unexpected failure:', error);
      process.exitCode = EXIT.USAGE;
    },
  );
}
