import { badInput } from '@newsgraph/kit';
import { parseSaidAt } from '@newsgraph/news-package';

/**
 * A day argument (`at`, `date`): `YYYY-MM-DD`, or an ISO instant with an offset, which stands for
 * its calendar day in that offset (the way a statement's `saidAt` does).
 */
export function dayArgument(argument: string, value: string): string {
  const parsed = parseSaidAt(value);
  if (!parsed) throw badInput(argument, `"${value.slice(0, 80)}" is not a day (YYYY-MM-DD) or an ISO instant with an offset`);
  return parsed.day;
}

export function optionalDayArgument(argument: string, value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : dayArgument(argument, value);
}
