/**
 * Waiting on an outcome instead of for a while: a test polls the condition it needs (a metric, a
 * row, an answer) and goes on the moment it holds. The deadline is only a safety net that turns a
 * hang into a failure naming what never happened, so it is generous.
 */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const last = await check();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
