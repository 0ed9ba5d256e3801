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
    return cost > limits.maxCost
      ? [limitError('QUERY_TOO_COMPLEX', `Query cost limit of ${limits.maxCost} exceeded, found ${cost}.`)]
      : undefined;
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
          setResult(result.map((e) => new GraphQLError(stripSuggestions(e.message), { nodes: e.nodes, source: e.source, positions: e.positions, extensions: e.extensions })));
        }
      };
    },
  };
}
