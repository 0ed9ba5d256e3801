// Why our own limits and not graphql-armor's (max-depth, max-aliases, max-directives, max-tokens,
// checked at 2.4/2.6/2.3/2.5) or the runtime's demandControl:
// - armor throws its first rejection out of validation, so an operation over two limits hears of
//   one (ours reports each limit broken, e.g. TOO_MANY_ALIASES with TOO_MANY_ROOT_FIELDS);
//   its errors carry no code (ours: QUERY_TOO_DEEP, TOO_MANY_ALIASES... and HTTP 400), only a
//   "Syntax Error:" message;
// - its depth skips `__schema` whole and counts `ofType` chains and each fragment spread as a
//   level; ours counts introspection like any field, except `ofType` (bounded by the schema), and
//   measures a fragment once where it is spread. Swapping would move README's limits;
// - armor has no root-field limit; max-tokens re-implements what graphql-js's own `maxTokens`
//   parse option (used here) already does;
// - the runtime's demandControl prices the *subgraph* requests after planning with @cost/@listSize
//   directives (lists cost 0 unless sized); ours prices the client's operation by its `first`,
//   `ids` and `keys` before any planning, and answers QUERY_TOO_COMPLEX.
import { GraphQLError, parse as graphqlParse } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { stripSuggestions } from './error-masking';
import { beforeExecution, ExecutionArgsLike } from './before-execution';
import { DEFAULT_LIMITS, limitError, operationCost, operationLimitsRule, OperationLimits } from './limits';

/**
 * The operation limits, run wherever the runtime parses, validates and executes: HTTP and the
 * graphql-ws server (getGraphQLWSOptions goes through the same envelop), so a subscribe message
 * meets the same rules as a POST.
 */
export function useOperationLimits(limits: OperationLimits = DEFAULT_LIMITS, production = false): GatewayPlugin {
  const rule = operationLimitsRule(limits);
  const checkCost = (args: ExecutionArgsLike) => {
    const cost = operationCost(args.schema, args.document, args.operationName, args.variableValues);
    return cost > limits.maxCost ? [limitError('QUERY_TOO_COMPLEX', `Query cost limit of ${limits.maxCost} exceeded, found ${cost}.`)] : undefined;
  };
  return {
    ...beforeExecution(checkCost),
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        try {
          return graphqlParse(source, { ...options, maxTokens: limits.maxTokens });
        } catch (e) {
          if (e instanceof GraphQLError && /contains more th\w+ \d+ tokens/.test(e.message)) {
            throw limitError('TOO_MANY_TOKENS', `Token limit of ${limits.maxTokens} exceeded: the document was not parsed.`);
          }
          throw e;
        }
      });
    },
    onValidate({ addValidationRule }) {
      addValidationRule(rule);
      if (!production) return;
      return ({ result, setResult }) => {
        if (result.length) {
          setResult(
            result.map(
              (e) => new GraphQLError(stripSuggestions(e.message), { nodes: e.nodes, source: e.source, positions: e.positions, extensions: e.extensions }),
            ),
          );
        }
      };
    },
  };
}
