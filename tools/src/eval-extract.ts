import { resolve } from 'node:path';
import { runEval } from './eval/run';

// The only impure part of `npm run eval:extract`: argv, the console, the clock and the exit code.
if (require.main === module) {
  process.exitCode = runEval(process.argv.slice(2), {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    cwd: process.env.INIT_CWD || process.cwd(),
    root: resolve(__dirname, '../..'),
    now: () => performance.now(),
    cpu: () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    },
  });
}
