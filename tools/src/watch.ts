import { startWatch, WATCH_EXIT } from './watch/run';

// The only impure part of `npm run watch`: argv, env, the real fetch, stdout/stderr, signals and
// the exit code. Guarded so that importing this file by mistake does not start a watcher.
if (require.main === module) {
  startWatch(process.argv.slice(2), process.env, {
    fetch: (url, init) => fetch(url, init),
    log: (line) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    cwd: process.env.INIT_CWD || process.cwd(),
    startDir: __dirname,
  }).then(
    (started) => {
      if (typeof started === 'number') {
        process.exitCode = started;
        return;
      }
      let signalled = false;
      const stop = (signal: string) => {
        if (signalled) return;
        signalled = true;
        process.stdout.write(
          `${JSON.stringify({ time: new Date().toISOString(), event: 'stopping', signal, msg: `stopping (${signal}) after the current article` })}\n`,
        );
        void started.stop();
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
      started.done.then(
        (totals) => {
          const failed = totals.feedFailures + totals.articleFailures;
          const msg = `stopped; state saved: ${totals.polls} poll(s), ${totals.articles} article(s), ingested ${totals.ingested}, queued ${totals.queued}, ${failed} failure(s)`;
          process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), event: 'stopped', ...totals, msg })}\n`);
          // one pass (cron): say by the exit code that something failed; a long run stopped by a signal ends well
          process.exit(started.once && !signalled && failed > 0 ? WATCH_EXIT.FAILURES : WATCH_EXIT.OK);
        },
        (error: unknown) => {
          process.stderr.write(`watch: unexpected failure: ${error instanceof Error ? error.stack : String(error)}\n`);
          process.exit(1);
        },
      );
    },
    (error: unknown) => {
      process.stderr.write(`watch: unexpected failure: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = WATCH_EXIT.USAGE;
    },
  );
}
