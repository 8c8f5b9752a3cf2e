/**
 * Apollo Server over HTTP: the schema with the query limits, the one formatError, and the plugins
 * (drain the HTTP server and the graphql-ws sockets on stop, the request log, and the checks that
 * need the resolved operation: its estimated cost and the sign-in limit).
 */
import type http from "node:http";
import { ApolloServer, type ApolloServerPlugin, HeaderMap } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { GraphQLError, type GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import type { Context } from "../api/context.js";
import { formatError, noteErrorsOfRequest } from "../api/errors.js";
import { LIMIT_RULES, checkCost } from "../api/limits.js";
import { QUERY_LIMITS, TRANSPORT_LIMITS } from "../domain/limits.js";
import type { Observability } from "./observability/index.js";
import { type RequestLimiter, rateLimitMessage, rateLimited, signInWait } from "./rate-limit.js";

export interface ApolloDeps {
  schema: GraphQLSchema;
  httpServer: http.Server;
  log: Logger;
  introspection: boolean;
  hideSchemaDetails: boolean;
  observability: Observability;
  limiter: RequestLimiter;
  /** Closes the graphql-ws server's sockets: Apollo's stop drains them too. */
  disposeWs: () => Promise<void>;
}

/** The estimated cost needs the variables, so it is checked once the operation is known; then the sign-in limit. */
function operationChecks(limiter: RequestLimiter): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema: operationSchema, contextValue }) {
          checkCost(operationSchema, document, request.variables, request.operationName);
          const wait = await signInWait(limiter, document, request.operationName, contextValue.address);
          if (wait) {
            throw new GraphQLError(rateLimitMessage(wait), {
              extensions: { ...rateLimited(wait).extensions, http: { status: 429, headers: new HeaderMap([["retry-after", String(wait)]]) } },
            });
          }
        },
      };
    },
  };
}

/** Apollo Server, started (express serves it through expressMiddleware). */
export async function startApollo(deps: ApolloDeps): Promise<ApolloServer<Context>> {
  const { schema, httpServer, log, introspection, hideSchemaDetails } = deps;
  const apollo = new ApolloServer<Context>({
    schema,
    // The process's owner (src/main.ts) stops everything in order on SIGINT/SIGTERM; Apollo's own
    // handler would stop Apollo alongside it and then re-raise the signal (exit 143, not 0).
    stopOnTerminationSignals: false,
    introspection,
    hideSchemaDetailsFromClientErrors: hideSchemaDetails,
    allowBatchedHttpRequests: TRANSPORT_LIMITS.batching,
    // Apollo's CSRF prevention guards cookie sessions from cross-site forms; Jalin authenticates only
    // with bearer tokens a browser never attaches on its own, and refuses mutations over GET (405),
    // so simple GET queries (urql's default, graphql-http's audits) are served.
    csrfPrevention: false,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    validationRules: LIMIT_RULES,
    includeStacktraceInErrorResponses: false,
    // Apollo pretty-prints answers (two-space indents) by default: on the web console's Matches page
    // that was ~5% of the main thread and a third more bytes to write (issue 17). Clients parse either.
    stringifyResult: (result) => JSON.stringify(result),
    formatError: (formatted, error) => formatError(formatted, error, { log, hideSchemaDetails }),
    plugins: [
      // Apollo's default cache-control plugin wraps every field's resolver to gather cache hints;
      // Jalin sets none (answers depend on who asks), so it only cost time on every field (issue 17).
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      deps.observability.apolloPlugin,
      { async serverWillStart() { return { async drainServer() { await deps.disposeWs(); } }; } },
      operationChecks(deps.limiter),
      // formatError sees only the error: it names the request the error arose in as its reference.
      { async requestDidStart({ contextValue }) { return { async didEncounterErrors({ errors }) { noteErrorsOfRequest(errors, contextValue.requestId); } }; } },
    ],
  });
  await apollo.start();
  return apollo;
}
