import { DocumentNode, GraphQLError, StringValueNode, visit } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { beforeExecution, ExecutionArgsLike } from './before-execution';

const NUL = '\u0000';

/** Where in a variable's value a NUL is, as a path (`input.statements.3.text`), or undefined. */
function nulIn(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? path : undefined;
  if (depth > 64 || value === null || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k.includes(NUL)) return `${path}.${k.replaceAll(NUL, '\\u0000')}`;
    const found = nulIn(v, `${path}.${k}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function nulError(where: string): GraphQLError {
  return new GraphQLError(`${where} contains the NUL character (U+0000), which no text here can hold.`, {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}

/**
 * Refuses a NUL character (U+0000) in any string of an operation, literal or variable, before any
 * subgraph sees it: PostgreSQL text cannot hold one, and a search or write carrying it used to
 * fail deep in the database as "Unexpected error.". The error names the variable path or the
 * literal's position.
 */
export function useNoNulText(): GatewayPlugin {
  // the literals a document holds do not change: each parsed document (the runtime's parse cache
  // hands out one DocumentNode per document text) is walked once, not on every request
  const literalsWithNul = new WeakMap<DocumentNode, StringValueNode[]>();
  const nulLiterals = (document: DocumentNode) => {
    let found = literalsWithNul.get(document);
    if (!found) {
      const nodes: StringValueNode[] = [];
      visit(document, {
        StringValue(node) {
          if (node.value.includes(NUL)) nodes.push(node);
        },
      });
      found = nodes;
      literalsWithNul.set(document, found);
    }
    return found;
  };
  const check = (args: ExecutionArgsLike) => {
    const errors: GraphQLError[] = [];
    for (const [name, value] of Object.entries(args.variableValues ?? {})) {
      const where = nulIn(value, name);
      if (where) errors.push(nulError(`Variable "$${where}"`));
    }
    for (const node of nulLiterals(args.document)) {
      const at = node.loc ? ` at line ${node.loc.startToken.line}, column ${node.loc.startToken.column}` : '';
      errors.push(
        new GraphQLError(`The string${at} contains the NUL character (U+0000), which no text here can hold.`, {
          nodes: [node],
          extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
        }),
      );
    }
    return errors.length ? errors : undefined;
  };
  return beforeExecution(check);
}
