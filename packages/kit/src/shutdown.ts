import type { Logger } from 'pino';

/**
 * Stops a service once, on SIGINT, SIGTERM, or when the supervisor that forked it (npm start,
 * tests) goes away and its IPC channel closes — so no service lingers on its port. In-flight work
 * is drained by `close`; if that takes longer than `timeoutMs` the process exits 1 anyway.
 * For main.ts files only: it ends the process.
 */
export function stopOnSignals(
  name: string,
  close: () => Promise<void>,
  timeoutMs = 10_000,
  /** where the two failure lines go (JSON, like every other line of the service); default stderr text */
  logger?: Pick<Logger, 'error'>,
): void {
  const fail = (message: string, err?: unknown) => {
    if (logger) logger.error(err === undefined ? {} : { err }, message);
    else console.error(message, ...(err === undefined ? [] : [err]));
  };
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      fail(`${name}: shutdown took longer than ${timeoutMs / 1000} s; exiting anyway`);
      process.exit(1);
    }, timeoutMs).unref();
    try {
      await close();
    } catch (e) {
      fail(`${name}: error while shutting down`, e);
      process.exit(1);
    }
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
}
