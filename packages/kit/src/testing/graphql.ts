// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are read loosely by design: a test names the type only where it helps
export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read an error's extensions (e.g. `problems`) loosely by design
  errors?: Array<{ message: string; path?: (string | number)[]; extensions?: Record<string, any> }>;
}

/** POSTs one GraphQL operation as JSON, the way a client app does. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are read loosely by design: a test names the type only where it helps
export async function postGraphQL<T = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: { data?: T | null; errors?: GraphQLResponse['errors'] };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`Non-JSON answer (${res.status}) from ${url}: ${text.slice(0, 300)}`);
  }
  return { status: res.status, data: body.data ?? undefined, errors: body.errors };
}
