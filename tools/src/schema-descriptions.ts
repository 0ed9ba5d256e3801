import { DefinitionNode, InputValueDefinitionNode, Kind, parse, StringValueNode } from 'graphql';

/** Composition machinery, not the domain: the docs panel never needs to explain these. */
const INTERNAL_TYPES = new Set(['_Service', '_Any', '_Entity', 'String', 'Int', 'Float', 'Boolean', 'ID']);
const INTERNAL_FIELDS = new Set(['_entities', '_service']);
const isInternalType = (name: string) => INTERNAL_TYPES.has(name) || name.startsWith('join__') || name.startsWith('link__');

const described = (node: { description?: StringValueNode }) => Boolean(node.description?.value.trim());

/**
 * Every type, field, argument, input field and enum value of an SDL document that has no
 * description, as `Type`, `Type.field`, `Type.field(arg:)` or `Enum.VALUE`, in document order.
 * The playground's docs panel is the domain's documentation, so a gap here is a gap there.
 */
export function missingDescriptions(sdl: string): string[] {
  const missing: string[] = [];
  const checkArgs = (owner: string, args: readonly InputValueDefinitionNode[] | undefined) => {
    for (const arg of args ?? []) if (!described(arg)) missing.push(`${owner}(${arg.name.value}:)`);
  };
  for (const def of parse(sdl).definitions as DefinitionNode[]) {
    switch (def.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_DEFINITION:
      case Kind.UNION_TYPE_DEFINITION:
      case Kind.SCALAR_TYPE_DEFINITION: {
        const type = def.name.value;
        if (isInternalType(type)) break;
        // Root operation types are containers; their fields carry the meaning.
        const isRoot = ['Query', 'Mutation', 'Subscription'].includes(type);
        if (!isRoot && !described(def)) missing.push(type);
        if (def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.INTERFACE_TYPE_DEFINITION) {
          for (const field of def.fields ?? []) {
            if (INTERNAL_FIELDS.has(field.name.value)) continue;
            const name = `${type}.${field.name.value}`;
            if (!described(field)) missing.push(name);
            checkArgs(name, field.arguments);
          }
        } else if (def.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
          for (const field of def.fields ?? []) if (!described(field)) missing.push(`${type}.${field.name.value}`);
        } else if (def.kind === Kind.ENUM_TYPE_DEFINITION) {
          for (const value of def.values ?? []) if (!described(value)) missing.push(`${type}.${value.name.value}`);
        }
        break;
      }
      default:
        break;
    }
  }
  return missing;
}
