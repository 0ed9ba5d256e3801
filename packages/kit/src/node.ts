import { Field, ID, InterfaceType } from 'type-graphql';
import { badInput } from './errors';

/**
 * Every type with a global id, and the subgraph that owns it. The id names its type, so any
 * subgraph can tell from an id alone which entity it is and which key to ask the owner for.
 */
export const NODE_TYPES = {
  Actor: 'actors',
  Statement: 'statements',
  Claim: 'statements',
  Topic: 'statements',
  Source: 'sources',
  Outlet: 'sources',
} as const;

export type NodeType = keyof typeof NODE_TYPES;

/**
 * The global id of an entity: `<Type>:<key>`, e.g. `Actor:country:es`. Readable on purpose (a
 * client that knows a key can write the id, a log line shows what it is), unique across types
 * because the type is part of it, and stable because keys never change.
 */
export function globalId(type: NodeType, key: string): string {
  return `${type}:${key}`;
}

export interface ParsedId {
  type: NodeType;
  key: string;
}

/** Reads a global id; one that is not `<Type>:<key>` with a known type is a BAD_USER_INPUT error. */
export function parseGlobalId(id: string, argument = 'id'): ParsedId {
  const colon = id.indexOf(':');
  const type = colon > 0 ? id.slice(0, colon) : '';
  const key = colon > 0 ? id.slice(colon + 1) : '';
  if (!Object.prototype.hasOwnProperty.call(NODE_TYPES, type) || key === '') {
    throw badInput(argument, `"${id.slice(0, 80)}" is not a newsgraph id: ids are "<Type>:<key>" with Type one of ${Object.keys(NODE_TYPES).join(', ')}`);
  }
  return { type: type as NodeType, key };
}

/**
 * The Relay `Node` interface. Each subgraph declares it for its own types; implementations are
 * never registered automatically, because several subgraphs are built in one process (the
 * schema printer, tests) and one must not pick up another's types.
 */
@InterfaceType('Node', {
  description:
    'An object with a global id (Relay global object identification): `node(id:)` refetches any of them. The id is `<Type>:<key>`, e.g. `Actor:country:es`.',
  autoRegisterImplementations: false,
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: 'Global id, unique across all types and stable: `<Type>:<key>`, e.g. `Actor:country:es`.' })
  id: string;
}
