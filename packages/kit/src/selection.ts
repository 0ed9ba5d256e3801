import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/** The fields of some selection sets, with inline fragments and named fragments opened (whatever their type condition). */
function fieldsOf(sets: readonly SelectionSetNode[], info: GraphQLResolveInfo, seen = new Set<string>()): FieldNode[] {
  const out: FieldNode[] = [];
  for (const set of sets) {
    for (const selection of set.selections) {
      if (selection.kind === 'Field') out.push(selection);
      else if (selection.kind === 'InlineFragment') out.push(...fieldsOf([selection.selectionSet], info, seen));
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = info.fragments[selection.name.value];
        if (fragment) out.push(...fieldsOf([fragment.selectionSet], info, seen));
      }
    }
  }
  return out;
}

/**
 * The names of the fields selected under `path` from the field being resolved, e.g. the fields of
 * a connection's nodes with `['edges', 'node']`. Every field that may be resolved is in it: aliases
 * are read as the field they name, fragments of any type condition and fields under `@skip` or
 * `@include` count, so the set can be larger than what runs, never smaller. A list reads only the
 * columns these fields need.
 */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  let level = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const name of path) {
    level = fieldsOf(level, info).flatMap((field) => (field.name.value === name && field.selectionSet ? [field.selectionSet] : []));
  }
  return new Set(fieldsOf(level, info).map((field) => field.name.value));
}
