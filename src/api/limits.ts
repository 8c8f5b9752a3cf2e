/**
 * The checks every GraphQL operation passes before it runs, whichever transport carries it (HTTP
 * GET or POST through Apollo, or graphql-ws): tokens while parsing, depth, aliases and directives
 * as validation rules (graphql-armor's), and an estimated cost (graphql-query-complexity) that knows
 * the page each list asks for. The numbers are QUERY_LIMITS in src/domain/limits.ts.
 */
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  NoSchemaIntrospectionCustomRule,
  type ValidationContext,
  type ValidationRule,
  Kind,
  getNullableType,
  getOperationAST,
  getVariableValues,
  isListType,
  parse,
  specifiedRules,
  validate,
} from "graphql";
import { type ComplexityEstimator, getComplexity } from "graphql-query-complexity";
import { ErrorCode } from "../domain/errors.js";
import { COST_CACHE, LIMITS, QUERY_LIMITS } from "../domain/limits.js";
import { DocumentTextRule, ReservedResponseNameRule, checkRequestText } from "./input-guard.js";
import { type LimitName, limitError } from "./limit-error.js";


/** graphql-js's parser refuses a document over `maxTokens` with this message. */
const TOKENS_EXCEEDED = /Document contains more th[a-z]+ \d+ tokens/;

/** The parser's token-limit refusal, as a limit error; null for any other message. */
export function tokensExceeded(message: string): GraphQLError | null {
  if (!TOKENS_EXCEEDED.test(message)) return null;
  return limitError("tokens", QUERY_LIMITS.maxTokens, `The document has more than ${QUERY_LIMITS.maxTokens} tokens. Send a smaller operation.`);
}

/** graphql-armor reports its refusals as "Syntax Error: …"; they are limits, so say so. */
function armored(limit: LimitName, max: number) {
  return {
    n: max,
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const message = error.message.replace(/^Syntax Error: /, "");
        const found = Number(/found (\d+)/.exec(message)?.[1]);
        context?.reportError(limitError(limit, max, `${message} Ask for less in one operation.`, Number.isFinite(found) ? found : undefined));
      },
    ],
  };
}

/**
 * Validation rules added to graphql-js's own (Apollo adds the introspection rule itself): the
 * limits, no NUL in the document's strings, and no answer field named __proto__.
 */
export const LIMIT_RULES: ValidationRule[] = [
  DocumentTextRule,
  ReservedResponseNameRule,
  maxDepthRule(armored("depth", QUERY_LIMITS.maxDepth)),
  maxAliasesRule(armored("aliases", QUERY_LIMITS.maxAliases)),
  maxDirectivesRule(armored("directives", QUERY_LIMITS.maxDirectives)),
];

/**
 * Each field costs 1 plus its selection times the number of items it may return: the `first` it
 * asks for (or the default page), QUERY_LIMITS.assumedListLength for other lists, 1 otherwise. A
 * connection's `edges` are its page, counted once at the connection.
 */
const pageAwareEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  // Introspection is bounded by depth and tokens, and off in production; GraphQL tools need it whole.
  if (field.name.startsWith("__") || type.name.startsWith("__")) return 0;
  if (type.name.endsWith("Connection")) return 1 + childComplexity;
  const paged = field.args.some((a) => a.name === "first");
  const items = paged
    ? typeof args.first === "number" ? Math.max(args.first, 1) : LIMITS.defaultPageSize
    : isListType(getNullableType(field.type))
      ? (QUERY_LIMITS.listLengths[`${type.name}.${field.name}`] ?? QUERY_LIMITS.assumedListLength)
      : 1;
  return 1 + childComplexity * items;
};

/**
 * The operation's estimated cost, or null when it cannot be computed: after validation that means
 * variables that do not fit their types, which execution then refuses with its own message.
 */
function operationCost(schema: GraphQLSchema, document: DocumentNode, variables?: Record<string, unknown> | null, operationName?: string | null): number | null {
  try {
    return getComplexity({ schema, query: document, variables: variables ?? {}, operationName: operationName ?? undefined, estimators: [pageAwareEstimator] });
  } catch {
    return null;
  }
}

/**
 * Costs already computed, per parsed document (Apollo hands the same DocumentNode to every request
 * with the same text) and per operation name and variables (COST_CACHE's bounds).
 */
const costs = new WeakMap<DocumentNode, { schema: GraphQLSchema; byRequest: Map<string, number | null> }>();

function cachedCost(schema: GraphQLSchema, document: DocumentNode, variables?: Record<string, unknown> | null, operationName?: string | null): number | null {
  const key = `${operationName ?? ""}\n${JSON.stringify(variables ?? {})}`;
  if (key.length > COST_CACHE.maxKeyLength) return operationCost(schema, document, variables, operationName);
  let entry = costs.get(document);
  if (!entry || entry.schema !== schema) costs.set(document, (entry = { schema, byRequest: new Map() }));
  if (entry.byRequest.has(key)) return entry.byRequest.get(key)!;
  const cost = operationCost(schema, document, variables, operationName);
  if (entry.byRequest.size >= COST_CACHE.perDocument) entry.byRequest.clear();
  entry.byRequest.set(key, cost);
  return cost;
}

/** Throws QUERY_TOO_COMPLEX when the operation costs more than QUERY_LIMITS.maxCost. */
export function checkCost(schema: GraphQLSchema, document: DocumentNode, variables?: Record<string, unknown> | null, operationName?: string | null): void {
  const cost = cachedCost(schema, document, variables, operationName);
  if (cost !== null && cost > QUERY_LIMITS.maxCost) {
    throw limitError("cost", QUERY_LIMITS.maxCost, `The operation's estimated cost is ${cost}, above the limit of ${QUERY_LIMITS.maxCost}. Ask for smaller pages or fewer nested lists.`, cost);
  }
}

/** How many of the operation's top-level fields are among `fields` (aliases let one document repeat one). */
export function countRootFields(document: DocumentNode, operationName: string | null | undefined, fields: ReadonlySet<string>): number {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return 0;
  return operation.selectionSet.selections.filter((s) => s.kind === Kind.FIELD && fields.has(s.name.value)).length;
}

/**
 * Check the text and variables (src/api/input-guard.ts), parse, validate, coerce the variables
 * and cost one operation as Apollo does for HTTP, for transports Apollo does not serve
 * (graphql-ws): the document, or the errors to answer with. Variables that do not fit their types
 * are BAD_USER_INPUT here as over HTTP, not errors of the execution.
 */
export function checkOperation(
  schema: GraphQLSchema,
  request: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null },
  options: { introspection: boolean },
): { document: DocumentNode } | { errors: GraphQLError[] } {
  const refused = checkRequestText(request);
  if (refused) return { errors: [refused] };
  let document: DocumentNode;
  try {
    document = parse(request.query, { maxTokens: QUERY_LIMITS.maxTokens });
  } catch (error) {
    // Over maxTokens too; formatError turns that one into QUERY_TOO_COMPLEX, as for Apollo's parser.
    const message = error instanceof GraphQLError ? error.message : String(error);
    return { errors: [new GraphQLError(message, { extensions: { code: ErrorCode.GRAPHQL_PARSE_FAILED } })] };
  }
  const rules = [...specifiedRules, ...LIMIT_RULES, ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
  const invalid = validate(schema, document, rules);
  if (invalid.length) {
    return { errors: invalid.map((e) => (e.extensions?.code ? e : new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED } }))) };
  }
  const operation = getOperationAST(document, request.operationName ?? undefined);
  if (operation) {
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 10 });
    if (coerced.errors) {
      return { errors: coerced.errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: ErrorCode.BAD_USER_INPUT } })) };
    }
  }
  try {
    checkCost(schema, document, request.variables, request.operationName);
  } catch (error) {
    return { errors: [error as GraphQLError] };
  }
  return { document };
}
