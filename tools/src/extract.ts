import { EXIT, runExtract } from './extract/run';

// The only impure part of `npm run extract`: argv, env, the real fetch, the console and the exit
// code. Guarded so that importing this file by mistake does not start an extraction.
if (require.main === module) {
  runExtract(process.argv.slice(2), process.env, {
    fetch: (url, init) => fetch(url, init),
    output: { out: (line) => console.log(line), err: (line) => console.error(line) },
    // npm runs scripts from the repository root; INIT_CWD is where the user typed the command
    cwd: process.env.INIT_CWD || process.cwd(),
    startDir: __dirname,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error('extract: unexpected failure:', error);
      process.exitCode = EXIT.USAGE;
    },
  );
}
