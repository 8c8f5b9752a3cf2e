/**
 * type-graphql calls each @FieldResolver method through a wrapper that, on every call, builds a
 * resolver-data object, asks its container for the resolver's instance, runs the middleware chain and
 * sorts and maps the method's parameters again. On the console's Matches page that is about 260
 * calls a request (`unconfirmed`, `renewBy`, `score`, `ikm`, an IKM's `id` and `regionName`), about 7%
 * of the main thread with the methods themselves (issue 17).
 *
 * A field resolver with no middleware and no role, whose parameters are only the root, the context,
 * `info` as they are, and arguments of a scalar or enum type (no conversion to a class, nothing to
 * validate: validation is off), is called directly: the same method, on one instance of its class,
 * with the same values in the same order. Anything else keeps type-graphql's wrapper, so an
 * @Authorized or @UseMiddleware field never loses its check, and an input class is still made.
 */
import type { GraphQLFieldResolver, GraphQLResolveInfo, GraphQLSchema } from "graphql";
import { GraphQLScalarType, isObjectType } from "graphql";
import { type BuildSchemaOptions, getMetadataStorage } from "type-graphql";

/** What type-graphql's metadata storage keeps of a field resolver (not in its public types). */
interface FieldResolverMetadata {
  kind: "internal" | "external";
  target: new () => object;
  methodName: string;
  schemaName: string;
  getObjectType?: () => unknown;
  middlewares?: unknown[];
  roles?: unknown[];
  params?: ReadonlyArray<ParamMetadata>;
}

/** What type-graphql keeps of a resolver's parameter (`name`, `validate*`: of an @Arg). */
interface ParamMetadata {
  kind: string;
  index: number;
  propertyName?: string;
  getType?: () => unknown;
  name?: string;
  validateSettings?: unknown;
  validateFn?: unknown;
}

interface ObjectTypeMetadata {
  name: string;
  target: new () => object;
}

type Picker = (root: unknown, context: Record<string, unknown>, info: GraphQLResolveInfo, args: Record<string, unknown>) => unknown;

/**
 * Whether type-graphql hands an argument of this type to the method as graphql-js parsed it: a
 * scalar (its own, or String, Number, Boolean, Date) or an enum (a plain object of values), alone
 * or in a list (which it copies item by item, unchanged). An input or args class it would build.
 */
function isPlainArgType(type: unknown): boolean {
  if (type instanceof GraphQLScalarType || type === String || type === Number || type === Boolean || type === Date) return true;
  return typeof type === "object" && type !== null && Object.getPrototypeOf(type) === Object.prototype;
}

/**
 * How each parameter is taken, in order; null when one is not plainly the root, the context, info
 * or an argument as parsed (`validating`: whether type-graphql would validate arguments).
 */
function picksOf(resolver: FieldResolverMetadata, validating: boolean): Picker[] | null {
  const picks: Picker[] = [];
  for (const param of [...(resolver.params ?? [])].sort((a, b) => a.index - b.index)) {
    const key = param.propertyName;
    const name = param.name;
    if (param.kind === "root" && !param.getType) picks.push(key ? (root) => (root as Record<string, unknown>)[key] : (root) => root);
    else if (param.kind === "context") picks.push(key ? (_, context) => context[key] : (_, context) => context);
    else if (param.kind === "info") picks.push((_root, _context, info) => info);
    else if (param.kind === "arg" && name !== undefined && !validating && param.validateSettings === undefined && param.validateFn === undefined
      && isPlainArgType(param.getType?.())) picks.push((_root, _context, _info, args) => args[name]);
    else return null;
  }
  return picks;
}

/** The resolvers made here, so a test can tell them from type-graphql's. */
const made = new WeakSet<object>();

/** Whether `resolve` is a direct call made by useDirectResolvers. */
export function isDirect(resolve: unknown): boolean {
  return typeof resolve === "function" && made.has(resolve);
}

function directly(instance: object, resolver: FieldResolverMetadata, picks: Picker[]): GraphQLFieldResolver<unknown, Record<string, unknown>> {
  const method = (instance as Record<string, (...values: unknown[]) => unknown>)[resolver.methodName];
  const only = picks.length === 1 && picks[0].length === 1 ? picks[0] : null;
  const resolve: GraphQLFieldResolver<unknown, Record<string, unknown>> = only
    ? (root, args, context, info) => method.call(instance, only(root, context, info, args))
    : (root, args, context, info) => method.apply(instance, picks.map((pick) => pick(root, context, info, args)));
  made.add(resolve);
  return resolve;
}

/**
 * Replaces type-graphql's wrapper by a direct call on every object type field whose resolver
 * qualifies (above). `options`: what buildSchema was given. A resolver class it was not given is not
 * used, and any global middleware keeps every wrapper. Returns how many were replaced.
 */
export function useDirectResolvers(schema: GraphQLSchema, options: Pick<BuildSchemaOptions, "resolvers" | "globalMiddlewares" | "validate" | "validateFn">): number {
  if ((options.globalMiddlewares?.length ?? 0) > 0) return 0;
  const resolvers: readonly unknown[] = options.resolvers;
  const storage = getMetadataStorage() as unknown as { fieldResolvers: FieldResolverMetadata[]; objectTypes: ObjectTypeMetadata[] };
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  const instances = new Map<new () => object, object>();
  let replaced = 0;
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type) || roots.has(type)) continue;
    const fields = type.getFields();
    for (const field of Object.values(fields)) {
      if (!field.resolve) continue;
      // type-graphql's own lookup: the resolver of this field name for the class or one it extends.
      const candidates = storage.fieldResolvers.filter((r) => {
        const owner = r.getObjectType?.();
        return r.schemaName === field.name && resolvers.includes(r.target) && typeof owner === "function"
          && (owner === objectType.target || objectType.target.prototype instanceof owner);
      });
      if (candidates.length !== 1) continue;
      const [resolver] = candidates;
      if (resolver.kind !== "external" || (resolver.middlewares?.length ?? 0) > 0 || resolver.roles !== undefined) continue;
      const picks = picksOf(resolver, options.validate !== false || options.validateFn !== undefined);
      if (!picks) continue;
      let instance = instances.get(resolver.target);
      if (!instance) instances.set(resolver.target, (instance = new resolver.target()));
      field.resolve = directly(instance, resolver, picks) as typeof field.resolve;
      replaced++;
    }
  }
  return replaced;
}
