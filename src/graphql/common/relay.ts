import { ArgsType, Field, ID, Int, InterfaceType, ObjectType, type ClassType } from "type-graphql";
import { LIMITS } from "../../domain/limits.js";

@InterfaceType({
  description: "An object with a global id, fetchable with Query.node.",
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class Node {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
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
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => Item)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => [Item], { description: "The edges' nodes, for clients that need no cursors." })
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    // `simple`: graphql-js's default resolver calls the page's lazy counter, so the COUNT runs
    // only when a client selects totalCount.
    @Field(() => Int, { simple: true, description: "Number of items matching the filter, over all pages." })
    totalCount!: number;
  }
  return ConnectionType;
}
