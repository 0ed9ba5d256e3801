/** A GraphQL answer as the gateway serialises it. */
export interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * Runs one operation through the gateway's own pipeline (limits, planning, masking, logging),
 * exactly as a client's request would run: exports read the graph like any other client.
 */
export type Execute = <T>(query: string, variables: Record<string, unknown>, signal: AbortSignal) => Promise<GraphQLAnswer<T>>;

/** An answer's errors, refused before any data was sent: the status and the body to send. */
export class ExportRefused extends Error {
  constructor(
    readonly status: number,
    readonly errors: NonNullable<GraphQLAnswer<unknown>['errors']>,
  ) {
    super(errors.map((e) => e.message).join('; '));
  }
}

/** The answer's data, or ExportRefused carrying its errors (a client error keeps its 4xx). */
export function dataOrRefuse<T>(answer: GraphQLAnswer<T>): T {
  if (answer.errors?.length || !answer.data) {
    const errors = answer.errors?.length ? answer.errors : [{ message: 'The gateway returned no data.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }];
    const clientCodes = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'GRAPHQL_VALIDATION_FAILED', 'QUERY_TOO_COMPLEX']);
    const status = errors.every((e) => clientCodes.has(String(e.extensions?.code))) ? 400 : 502;
    throw new ExportRefused(status, errors);
  }
  return answer.data;
}
