import {
  ASTVisitor,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLError,
  GraphQLField,
  GraphQLSchema,
  isCompositeType,
  isListType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
  SchemaMetaFieldDef as schemaMetaField,
  TypeMetaFieldDef as typeMetaField,
  valueFromASTUntyped,
  GraphQLCompositeType,
} from 'graphql';
import { Arguments, FIXED_LIST_SIZES, NESTED_LIST_SIZES } from './cost-rules';

/** The operation limits; README "Security and limits" explains each. */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
}

export const DEFAULT_LIMITS: OperationLimits = {
  maxDepth: 10,
  maxAliases: 30,
  maxRootFields: 20,
  maxTokens: 2000,
  maxDirectives: 50,
  maxCost: 100_000,
};

/** What a connection without `first` is assumed to return (the subgraphs' default page size). */
export const DEFAULT_PAGE = 20;
/** What a plain list with no known bound is assumed to return: introspection's lists (bounded by the schema; cost-rules.test.ts checks no other list falls back to it). */
export const ASSUMED_LIST_SIZE = 10;

/** A rejection before execution: 400 under application/graphql-response+json, 200 under legacy JSON. */
export function limitError(code: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400, spec: true } } });
}

export type Fragments = Map<string, FragmentDefinitionNode>;

export function fragmentsOf(document: DocumentNode): Fragments {
  const map: Fragments = new Map();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) map.set(d.name.value, d);
  return map;
}

interface Measure {
  aliases: number;
  directives: number;
  /** levels below the selection set it was taken of */
  depth: number;
}

/**
 * Measures one operation as if its fragments were inlined, each fragment once: what a fragment
 * adds does not depend on where it is spread (depth is counted from the spread), so its measure is
 * kept and reused. Inlining instead would walk each spread again: 8 fragments each spreading the
 * next ten times are 10^8 walks for 676 characters. A fragment already on the current path counts
 * nothing (a cycle; NoFragmentCyclesRule reports it).
 */
function measure(op: OperationDefinitionNode, fragments: Fragments): Measure {
  const known = new Map<string, Measure>();
  const inProgress = new Set<string>();
  const ofFragment = (name: string): Measure | undefined => {
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return undefined;
    let m = known.get(name);
    if (m) return m;
    inProgress.add(name);
    const inner = walk(fragment.selectionSet);
    inProgress.delete(name);
    m = { ...inner, directives: inner.directives + (fragment.directives?.length ?? 0) };
    known.set(name, m);
    return m;
  };
  const walk = (set: SelectionSetNode): Measure => {
    const m: Measure = { aliases: 0, directives: 0, depth: 0 };
    for (const sel of set.selections) {
      m.directives += sel.directives?.length ?? 0;
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) m.aliases += 1;
        // `ofType` chains are bounded by the schema's type wrappers (GraphiQL asks 8 deep), so
        // they do not count; every other field, introspection included, does.
        const own = sel.name.value === 'ofType' ? 0 : 1;
        const below = sel.selectionSet ? walk(sel.selectionSet) : { aliases: 0, directives: 0, depth: 0 };
        m.aliases += below.aliases;
        m.directives += below.directives;
        m.depth = Math.max(m.depth, own + below.depth);
      } else {
        const below = sel.kind === Kind.INLINE_FRAGMENT ? walk(sel.selectionSet) : ofFragment(sel.name.value);
        if (!below) continue;
        m.aliases += below.aliases;
        m.directives += below.directives;
        m.depth = Math.max(m.depth, below.depth);
      }
    }
    return m;
  };
  const m = walk(op.selectionSet);
  return { ...m, directives: m.directives + (op.directives?.length ?? 0) };
}

/** Root fields as executed (fragments and inline fragments at the root counted inside), each fragment measured once. */
export function rootFieldCount(set: SelectionSetNode, fragments: Fragments, known = new Map<string, number>(), inProgress = new Set<string>()): number {
  let n = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) n += 1;
    else if (sel.kind === Kind.INLINE_FRAGMENT) n += rootFieldCount(sel.selectionSet, fragments, known, inProgress);
    else {
      const name = sel.name.value;
      const f = fragments.get(name);
      if (!f || inProgress.has(name)) continue;
      let count = known.get(name);
      if (count === undefined) {
        inProgress.add(name);
        count = rootFieldCount(f.selectionSet, fragments, known, inProgress);
        inProgress.delete(name);
        known.set(name, count);
      }
      n += count;
    }
  }
  return n;
}

/** Depth, aliases (`__typename` too), root fields and directives, one validation rule. */
export function operationLimitsRule(limits: OperationLimits = DEFAULT_LIMITS) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(op) {
      const fragments = fragmentsOf(context.getDocument());
      const m = measure(op, fragments);
      if (m.depth > limits.maxDepth) {
        context.reportError(limitError('QUERY_TOO_DEEP', `Query depth limit of ${limits.maxDepth} exceeded, found ${m.depth}.`));
      }
      if (m.aliases > limits.maxAliases) {
        context.reportError(limitError('TOO_MANY_ALIASES', `Aliases limit of ${limits.maxAliases} exceeded, found ${m.aliases}.`));
      }
      const roots = rootFieldCount(op.selectionSet, fragments);
      if (roots > limits.maxRootFields) {
        context.reportError(limitError('TOO_MANY_ROOT_FIELDS', `Root fields limit of ${limits.maxRootFields} exceeded, found ${roots}.`));
      }
      if (m.directives > limits.maxDirectives) {
        context.reportError(limitError('TOO_MANY_DIRECTIVES', `Directives limit of ${limits.maxDirectives} exceeded, found ${m.directives}.`));
      }
      return false;
    },
  });
}

/**
 * The cost of one operation: every field costs 1; a list multiplies what is selected inside
 * it by its size: `first` or `last` (literal or variable, resolved) for a list taking them
 * (connections, `contradictions`), DEFAULT_PAGE when neither is given, the number of `ids` or `keys`
 * asked for (`nodes(ids:)`, lookups by keys), ASSUMED_LIST_SIZE for other plain lists, except where
 * cost-rules.ts knows the real bound (a capped list, or one sized by the arguments above it). Runs with the variables, so it
 * cannot be a plain validation rule; it expects a document that already passed validation.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): number {
  const fragments = fragmentsOf(document);
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops[0];
  if (!op) return 0;
  const rootType = schema.getRootType(op.operation);
  if (!rootType) return 0;

  const numberArg = (node: FieldNode, name: string): number | undefined => {
    const arg = node.arguments?.find((a) => a.name.value === name);
    if (!arg) return undefined;
    const value = valueFromASTUntyped(arg.value, variables ?? undefined);
    return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, value) : undefined;
  };
  // a page is `first` items forward or `last` backward (both given is refused, so take the larger)
  const firstOf = (node: FieldNode): number | undefined => {
    const [first, last] = [numberArg(node, 'first'), numberArg(node, 'last')];
    return first === undefined && last === undefined ? undefined : Math.max(first ?? 0, last ?? 0);
  };
  const idsOf = (node: FieldNode): number | undefined => {
    const arg = node.arguments?.find((a) => a.name.value === 'ids');
    const value = arg && valueFromASTUntyped(arg.value, variables ?? undefined);
    return Array.isArray(value) ? value.length : undefined;
  };

  // a lookup by keys returns one item per key given: its real size
  const keysOf = (node: FieldNode): number | undefined => {
    const arg = node.arguments?.find((a) => a.name.value === 'keys');
    if (!arg) return undefined;
    const value = valueFromASTUntyped(arg.value, variables ?? undefined);
    return Array.isArray(value) ? value.length : value === undefined || value === null ? undefined : 1;
  };

  const argumentsOf = (node: FieldNode): Arguments => {
    const args: Arguments = {};
    for (const a of node.arguments ?? []) args[a.name.value] = valueFromASTUntyped(a.value, variables ?? undefined);
    return args;
  };

  type Sizes = Readonly<Record<string, number>>;
  const priced = new Map<string, number>();
  const cost = (set: SelectionSetNode, parent: GraphQLCompositeType, page: number | undefined, seen: Set<string>, sizes: Sizes): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        const t = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        total += cost(sel.selectionSet, isCompositeType(t) ? t : parent, page, seen, sizes);
      } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const f = fragments.get(sel.name.value);
        if (!f || seen.has(f.name.value)) continue;
        const t = schema.getType(f.typeCondition.name.value);
        const type = isCompositeType(t) ? t : parent;
        // a fragment's cost depends only on its type, the page and the sizes it is spread under: priced once
        const memo = `${f.name.value}|${type.name}|${page ?? ''}|${JSON.stringify(sizes)}`;
        let fragmentCost = priced.get(memo);
        if (fragmentCost === undefined) {
          seen.add(f.name.value);
          fragmentCost = cost(f.selectionSet, type, page, seen, sizes);
          seen.delete(f.name.value);
          priced.set(memo, fragmentCost);
        }
        total += fragmentCost;
      } else {
        // `__typename` is answered from the schema, with no subgraph work: free, so a client that
        // adds it to every selection (Apollo Client does) pays what the same query costs without it
        if (sel.name.value === '__typename') continue;
        total += 1;
        if (!sel.selectionSet) continue;
        const field = fieldDef(schema, parent, sel.name.value);
        if (!field) continue;
        const named = getNamedType(field.type);
        if (!isCompositeType(named)) continue;
        const coordinate = `${parent.name}.${field.name}`;
        const nested = NESTED_LIST_SIZES[coordinate];
        const inner = nested ? { ...sizes, ...nested(argumentsOf(sel)) } : sizes;
        const hasFirst = field.args.some((a) => a.name === 'first');
        const first = hasFirst ? (firstOf(sel) ?? DEFAULT_PAGE) : undefined;
        const isList = isListType(getNullableType(field.type));
        const known = sizes[coordinate] ?? FIXED_LIST_SIZES[coordinate];
        const size = isList ? (known ?? first ?? idsOf(sel) ?? keysOf(sel) ?? page ?? ASSUMED_LIST_SIZE) : 1;
        // a connection passes its page size to the lists inside it (edges, nodes)
        total += size * cost(sel.selectionSet, named, isList ? undefined : first, seen, inner);
      }
    }
    return total;
  };
  return cost(op.selectionSet, rootType, undefined, new Set(), {});
}

// graphql-js keeps the meta fields outside getFields(); the cost needs their list shapes.
function fieldDef(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === '__schema') return schema.getQueryType() === parent ? schemaMetaField : undefined;
  if (name === '__type') return typeMetaField;
  if ('getFields' in parent) return parent.getFields()[name];
  return undefined;
}
