// No library has this rule: it exists because the Rust planner coerces variables inside execution,
// where the error would be masked; graphql-js's own getVariableValues does the coercing.
import { GraphQLError } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { beforeExecution, operationOf } from './before-execution';

/**
 * Coerces the variables before the planner sees them, so a wrong or missing variable is a 400
 * request error that names the variable. (The Rust planner coerces them itself, but throws the
 * error from inside execution, where it would be masked as "Unexpected error".)
 */
export function useVariableCoercion(): GatewayPlugin {
  return beforeExecution((args) => {
    const operation = operationOf(args.document, args.operationName);
    if (!operation?.variableDefinitions?.length) return undefined;
    const coerced = getVariableValues(args.schema, operation.variableDefinitions, args.variableValues ?? {}, { maxErrors: 10 });
    if (!coerced.errors) return undefined;
    return coerced.errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } }));
  });
}
