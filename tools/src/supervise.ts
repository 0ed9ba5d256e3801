import { ServiceName, Stack, StackProcess } from './stack';

export interface SupervisorOptions {
  /** where the supervisor says what it does; default: nowhere */
  log?: (line: string) => void;
  /** first wait before a restart; doubled after each crash that follows quickly, up to `maxBackoffMs`. Default 500 ms */
  backoffMs?: number;
  /** default 30 s */
  maxBackoffMs?: number;
  /** a process that ran this long before crashing starts again from the first wait. Default 60 s */
  stableMs?: number;
}

export interface Supervisor {
  /** resolves when the service has been restarted after its next crash (tests wait on it) */
  restarted(service: ServiceName): Promise<StackProcess>;
  /** stops watching: a process that exits afterwards stays down (call before stopping the stack) */
  stop(): void;
}

/**
 * Keeps a stack's processes running: a service that exits when nobody stopped it is started again
 * on the same port with the same environment, after a wait that doubles while it keeps crashing
 * (500 ms, 1 s, 2 s, ... 30 s). The other services go on serving meanwhile; the gateway answers
 * the missing subgraph's fields with SUBGRAPH_UNAVAILABLE naming it, and whole answers again once
 * it is back (README "Faults").
 */
export function superviseStack(stack: Stack, options: SupervisorOptions = {}): Supervisor {
  const log = options.log ?? (() => undefined);
  const first = options.backoffMs ?? 500;
  const max = options.maxBackoffMs ?? 30_000;
  const stable = options.stableMs ?? 60_000;
  let stopped = false;
  const waits = new Map<ServiceName, number>();
  const waiters = new Map<ServiceName, Array<(p: StackProcess) => void>>();

  const watch = (p: StackProcess) => {
    const started = Date.now();
    p.child.once('exit', (code, signal) => {
      if (stopped) return;
      const previous = waits.get(p.service);
      const wait = previous === undefined || Date.now() - started > stable ? first : Math.min(max, previous * 2);
      waits.set(p.service, wait);
      log(`${p.service} exited unexpectedly (${signal ?? `code ${code}`}); restarting it in ${wait} ms`);
      const timer = setTimeout(() => void restart(p.service, wait), wait);
      timer.unref();
    });
  };

  const restart = async (service: ServiceName, wait: number): Promise<void> => {
    if (stopped) return;
    try {
      const fresh = await stack.restart(service);
      if (stopped) return;
      watch(fresh);
      log(`${service} restarted`);
      for (const resolve of waiters.get(service)?.splice(0) ?? []) resolve(fresh);
    } catch (e) {
      const next = Math.min(max, wait * 2);
      waits.set(service, next);
      log(`${service} could not be restarted (${e instanceof Error ? e.message : String(e)}); trying again in ${next} ms`);
      setTimeout(() => void restart(service, next), next).unref();
    }
  };

  for (const p of stack.processes) watch(p);
  return {
    restarted: (service) =>
      new Promise((resolve) => {
        const list = waiters.get(service) ?? [];
        list.push(resolve);
        waiters.set(service, list);
      }),
    stop: () => {
      stopped = true;
    },
  };
}
