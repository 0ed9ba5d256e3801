import type { TypePolicies, TypePolicy } from '@apollo/client/cache';

type KeyFieldsFunction = Extract<TypePolicy['keyFields'], (...args: any[]) => any>;

/**
 * README "Use it from your app", Apollo Client's cache, word for word: every entity is identified
 * by its `key` when the query selected it, and kept inside its parent when it did not (the
 * contract's `outlet { name }`), so a query never fails to be cached for want of a key field.
 */
const byKey: KeyFieldsFunction = (object, { typename }) => (typeof object.key === 'string' ? `${typename}:${object.key}` : false);

export const APOLLO_TYPE_POLICIES: TypePolicies = {
  Actor: { keyFields: byKey },
  Statement: { keyFields: byKey },
  Source: { keyFields: byKey },
  Outlet: { keyFields: byKey },
  Claim: { keyFields: byKey },
  Topic: { keyFields: byKey },
  Query: {
    fields: {
      // actor(key:) and statement(key:) are read from the cache when the entity is there
      actor: { read: (existing, { args, toReference }) => existing ?? toReference({ __typename: 'Actor', key: args?.key }) },
      statement: { read: (existing, { args, toReference }) => existing ?? toReference({ __typename: 'Statement', key: args?.key }) },
    },
  },
};
