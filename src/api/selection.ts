/**
 * What a client selects below a field, for resolvers that can skip work no selected field needs.
 * Reads the operation's own syntax tree: fields, inline fragments and named fragments. It errs on
 * the side of "selected": a field under @skip or @include counts whatever the condition says.
 */
import { type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from "graphql";

type Fragments = Record<string, FragmentDefinitionNode>;

/** Calls `visit` for each field of `set`, through fragments (each named fragment once). */
function eachField(set: SelectionSetNode | undefined, fragments: Fragments, visit: (field: FieldNode) => void, seen = new Set<string>()): void {
  if (!set) return;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) visit(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) eachField(selection.selectionSet, fragments, visit, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      eachField(fragments[selection.name.value]?.selectionSet, fragments, visit, seen);
    }
  }
}

/**
 * The field names selected on a connection's nodes, under `nodes { ... }` and `edges { node { ... } }`,
 * for the connection field being resolved (every occurrence of it, aliases included).
 */
export function connectionNodeFields(info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">): Set<string> {
  const names = new Set<string>();
  const add = (field: FieldNode) => names.add(field.name.value);
  for (const connection of info.fieldNodes) {
    eachField(connection.selectionSet, info.fragments, (field) => {
      if (field.name.value === "nodes") eachField(field.selectionSet, info.fragments, add);
      else if (field.name.value === "edges") {
        eachField(field.selectionSet, info.fragments, (edge) => {
          if (edge.name.value === "node") eachField(edge.selectionSet, info.fragments, add);
        });
      }
    });
  }
  return names;
}

/** The field names selected on what the field being resolved returns (every occurrence of it, aliases included). */
export function selectedFields(info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">): Set<string> {
  const names = new Set<string>();
  for (const field of info.fieldNodes) eachField(field.selectionSet, info.fragments, (f) => names.add(f.name.value));
  return names;
}
