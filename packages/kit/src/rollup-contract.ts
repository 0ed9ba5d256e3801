/**
 * The `/internal/rollup` corridor: the actors subgraph answers it, the statements subgraph asks it
 * (to resolve "by"). The wings never import each other, so the wire shape lives here, and both ends
 * are held to it: actors types its answer as `RollupResponse`, statements parses what comes back
 * with `parseRollupResponse` rather than trusting a cast.
 */

/** The path of the corridor on the actors subgraph's origin. */
export const ROLLUP_PATH = '/internal/rollup';

/** The most targets one request may name (the actors subgraph answers 400 beyond). */
export const MAX_ROLLUP_TARGETS = 500;

/** Days during which one actor rolls up to a target: `[from, to)` as `YYYY-MM-DD`, null = unbounded. */
export interface RollupInterval {
  actor: string;
  from: string | null;
  to: string | null;
}

/** One target's roll-up: whether the actor exists, and who rolls up to it when. */
export interface RollupResult {
  exists: boolean;
  intervals: RollupInterval[];
}

/** The request body: the targets whose roll-ups are wanted. */
export interface RollupRequest {
  to: string[];
}

/** The answer: one result per target asked (a target missing from it is read as unknown). */
export interface RollupResponse {
  results: Record<string, RollupResult>;
}

/** The answer for a target the actors subgraph does not know. */
export const UNKNOWN_ROLLUP: Readonly<RollupResult> = Object.freeze({ exists: false, intervals: [] });

/** An answer on the corridor that does not have the contract's shape; `where` names the first bad place. */
export class RollupContractError extends Error {
  constructor(
    readonly where: string,
    problem: string,
  ) {
    super(`${ROLLUP_PATH} answer: ${where} ${problem}`);
    this.name = 'RollupContractError';
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function dayOrNull(value: unknown, where: string): string | null {
  if (value === null) return null;
  if (typeof value === 'string' && DAY.test(value)) return value;
  throw new RollupContractError(where, `must be a day (YYYY-MM-DD) or null, got ${JSON.stringify(value)}`);
}

function parseResult(value: unknown, where: string): RollupResult {
  if (!isRecord(value)) throw new RollupContractError(where, 'must be an object { exists, intervals }');
  if (typeof value.exists !== 'boolean') throw new RollupContractError(`${where}.exists`, 'must be a boolean');
  if (!Array.isArray(value.intervals)) throw new RollupContractError(`${where}.intervals`, 'must be an array');
  const intervals = value.intervals.map((i: unknown, k): RollupInterval => {
    const at = `${where}.intervals[${k}]`;
    if (!isRecord(i)) throw new RollupContractError(at, 'must be an object { actor, from, to }');
    if (typeof i.actor !== 'string') throw new RollupContractError(`${at}.actor`, 'must be a string');
    return { actor: i.actor, from: dayOrNull(i.from, `${at}.from`), to: dayOrNull(i.to, `${at}.to`) };
  });
  return { exists: value.exists, intervals };
}

/**
 * Reads an answer of the corridor for the targets asked: every target gets a result (unknown when
 * the answer leaves it out); anything off the contract throws a RollupContractError naming where.
 */
export function parseRollupResponse(body: unknown, targets: readonly string[]): Map<string, RollupResult> {
  if (!isRecord(body) || !isRecord(body.results)) throw new RollupContractError('body', 'must be an object { results: { <key>: result } }');
  const results = body.results;
  return new Map(
    targets.map((t) => [
      t,
      Object.prototype.hasOwnProperty.call(results, t) ? parseResult(results[t], `results[${JSON.stringify(t)}]`) : { ...UNKNOWN_ROLLUP, intervals: [] },
    ]),
  );
}
