import { GraphQLError } from 'graphql';
import type { Problem } from '@newsgraph/news-package';

/** Error codes clients can rely on (in `extensions.code`). */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  INVALID_PACKAGE: 'INVALID_PACKAGE',
} as const;

/** A bad argument: says which argument and what is wrong with it. */
export function badInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(`Invalid argument "${argument}": ${message}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, argument },
  });
}

export function notFound(kind: string, key: string): GraphQLError {
  return new GraphQLError(`No ${kind} with key "${key}"`, {
    extensions: { code: ErrorCode.NOT_FOUND, key },
  });
}

export function unauthenticated(): GraphQLError {
  return new GraphQLError('A valid write token is required: send "Authorization: Bearer <token>"', {
    extensions: { code: ErrorCode.UNAUTHENTICATED },
  });
}

/** A write refused as a whole; every problem is listed with its path in the input. */
export function invalidInput(problems: Problem[]): GraphQLError {
  const shown = problems.slice(0, 20).map((p) => `${p.path || '/'}: ${p.message}`);
  const more = problems.length > shown.length ? ` (and ${problems.length - shown.length} more)` : '';
  return new GraphQLError(`Input refused, nothing was written: ${shown.join('; ')}${more}`, {
    extensions: { code: ErrorCode.INVALID_PACKAGE, problems },
  });
}
