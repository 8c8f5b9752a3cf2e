import { ArgsType, Field, ID, Int, InterfaceType, ObjectType, type ClassType } from "type-graphql";
import { LIMITS } from "../../domain/limits.js";

@InterfaceType({
  description: "An object with a global id, fetchable with Query.node.",
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: "Global id: opaque, stable, unique across all types; pass it to Query.node or to any id argument." })
  id!: string;
}

@ObjectType({ description: "Where a page of a connection ends, and whether more follow." })
export class PageInfo {
  @Field(() => Boolean, { description: "True when another page follows this one." })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the last edge: pass it as `after` for the next page; null on an empty page." })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1 to ${LIMITS.maxPageSize}; default ${LIMITS.defaultPageSize}.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "The endCursor of the previous page." })
  after?: string | null;
}

/** A Relay connection type for `Item`, named `<name>Connection` with `<name>Edge` edges. */
export function Connection<T extends object>(Item: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor.` })
  class Edge {
    @Field(() => String, { description: "Opaque position of this edge: pass it as `after` to continue after it." })
    cursor!: string;

    @Field(() => Item, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} results (Relay connection), in a stable order.` })
  class ConnectionType {
    @Field(() => [Edge], { description: "The page's items, each with its cursor." })
    edges!: Edge[];

    @Field(() => [Item], { description: "The edges' nodes, for clients that need no cursors." })
    nodes!: T[];

    @Field(() => PageInfo, { description: "Whether more pages follow, and the cursor to ask for the next." })
    pageInfo!: PageInfo;

    // `simple`: graphql-js's default resolver calls the page's lazy counter, so the COUNT runs
    // only when a client selects totalCount.
    @Field(() => Int, { simple: true, description: "Number of items matching the filter, over all pages." })
    totalCount!: number;
  }
  return ConnectionType;
}
