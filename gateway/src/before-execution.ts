import { GraphQLError, GraphQLSchema, Kind, OperationDefinitionNode, type DocumentNode } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/** The operation a request runs: the one named, or the only one. */
export function operationOf(document: DocumentNode, name: string | null | undefined): OperationDefinitionNode | undefined {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return name ? ops.find((o) => o.name?.value === name) : ops.length === 1 ? ops[0] : undefined;
}

/** What a check reads of an operation about to run (graphql-js's ExecutionArgs, narrowed). */
export interface ExecutionArgsLike {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: { readonly [name: string]: unknown } | null;
}

/**
 * A check run before an operation executes, over HTTP and graphql-ws alike (queries and mutations
 * through onExecute, subscriptions through onSubscribe): errors it returns are the operation's answer.
 */
export function beforeExecution(check: (args: ExecutionArgsLike) => GraphQLError[] | undefined): GatewayPlugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const errors = check(args);
      if (errors) setResultAndStopExecution({ errors });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const errors = check(args);
      if (errors) setResultAndStopExecution({ errors });
    },
  };
}
