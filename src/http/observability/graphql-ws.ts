/**
 * graphql-ws, observed: one log line per operation (when it completes, fails or its connection
 * closes) and one per connection, the connection and subscription gauges, and the same request
 * metrics as HTTP. The server's own hooks are wrapped, not changed: each runs as written, and
 * what it answered (the formatted errors) is what is logged.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { type ExecutionArgs, type GraphQLError, type GraphQLFormattedError, getOperationAST } from "graphql";
import type { Context as WsContext, ServerOptions } from "graphql-ws";
import type { Level, Logger } from "pino";
import type { WebSocket, WebSocketServer } from "ws";
import { ErrorCode } from "../../domain/errors.js";
import type { Context } from "../../api/context.js";
import { type Metrics, rootFieldsLabel } from "./metrics.js";
import { errorCodes, roundMs } from "./request-log.js";

/** What the wrapper reads of graphql-ws's `extra` (use/ws's socket, and the server's verified claims). */
interface Extra {
  socket: WebSocket;
  request: IncomingMessage;
  claims?: { subject: string } | null;
}

interface Operation {
  requestId: string;
  started: number;
  /** The client's name for the operation: logged, never a metric label. */
  operation: string | null;
  operationType: string | null;
  rootFields: string | null;
  userId: string | null;
  codes: string[];
  /** `next` messages sent (a subscription's events). */
  events: number;
  /** onSubscribe answered with execution arguments (not a refusal). */
  accepted: boolean;
}

interface Connection {
  connectionId: string;
  opened: number;
  operations: number;
  active: Map<string, Operation>;
}

type AnyOptions = ServerOptions<any, any>;

/** Adds the codes an operation answered, each once, in the order first seen. */
function addCodes(op: Operation, codes: readonly string[]): void {
  for (const code of codes) if (!op.codes.includes(code)) op.codes.push(code);
}

export class GraphqlWsObserver {
  private readonly connections = new WeakMap<WebSocket, Connection>();

  constructor(
    private readonly log: Logger,
    private readonly metrics: Metrics,
  ) {}

  /** Counts the server's sockets from their upgrade (before connection_init) to their close. */
  watch(wsServer: WebSocketServer): void {
    wsServer.on("connection", (socket) => {
      this.connection(socket);
      this.metrics.wsConnections.inc();
      socket.once("close", () => this.metrics.wsConnections.dec());
    });
  }

  /** The options with their operation hooks wrapped; give the result to useServer. */
  wrap<T extends AnyOptions>(options: T): T {
    const { onSubscribe, onNext, onError, onComplete, onClose } = options;
    return {
      ...options,
      onSubscribe: async (ctx: WsContext<any, Extra>, id: string, payload: Parameters<NonNullable<T["onSubscribe"]>>[2]) => {
        const op: Operation = {
          requestId: randomUUID(), started: performance.now(), operation: null, operationType: null, rootFields: null,
          userId: ctx.extra.claims?.subject ?? null, codes: [], events: 0, accepted: false,
        };
        const connection = this.connection(ctx.extra.socket);
        connection.active.set(id, op);
        connection.operations += 1;
        let answer: Awaited<ReturnType<NonNullable<AnyOptions["onSubscribe"]>>>;
        try {
          answer = await onSubscribe?.(ctx, id, payload);
        } catch (error) {
          this.finish(ctx, id, [ErrorCode.INTERNAL_SERVER_ERROR]); // graphql-ws closes the socket (4500)
          throw error;
        }
        if (answer && !Array.isArray(answer)) this.accepted(op, answer as ExecutionArgs);
        return answer;
      },
      onNext: async (ctx: WsContext<any, Extra>, id: string, payload: any, args: ExecutionArgs, result: any) => {
        const sent = (await onNext?.(ctx, id, payload, args, result)) ?? result;
        const op = this.connection(ctx.extra.socket).active.get(id);
        if (op) {
          op.events += 1;
          addCodes(op, errorCodes(sent?.errors));
        }
        return sent === result ? undefined : sent;
      },
      onError: async (ctx: WsContext<any, Extra>, id: string, payload: any, errors: readonly GraphQLError[]) => {
        const sent = (await onError?.(ctx, id, payload, errors)) as readonly GraphQLFormattedError[] | undefined;
        this.finish(ctx, id, errorCodes(sent ?? errors.map((e) => e.toJSON())));
        return sent;
      },
      onComplete: async (ctx: WsContext<any, Extra>, id: string, payload: any) => {
        await onComplete?.(ctx, id, payload);
        this.finish(ctx, id);
      },
      onClose: async (ctx: WsContext<any, Extra>, code?: number, reason?: string) => {
        const connection = this.connection(ctx.extra.socket);
        // Operations the close cut short; graphql-ws completes streaming ones too, possibly later.
        for (const id of [...connection.active.keys()]) this.finish(ctx, id);
        await onClose?.(ctx, code, reason);
        this.log.info({
          connectionId: connection.connectionId,
          transport: "ws",
          userId: this.userOf(ctx),
          code,
          ...(reason ? { reason: reason.slice(0, 123) } : {}),
          operations: connection.operations,
          durationMs: roundMs(performance.now() - connection.opened),
        }, "ws connection closed");
      },
    };
  }

  private connection(socket: WebSocket): Connection {
    let connection = this.connections.get(socket);
    if (!connection) {
      connection = { connectionId: randomUUID(), opened: performance.now(), operations: 0, active: new Map() };
      this.connections.set(socket, connection);
    }
    return connection;
  }

  private accepted(op: Operation, args: ExecutionArgs): void {
    op.accepted = true;
    const context = args.contextValue as Partial<Context> | undefined;
    if (context?.requestId) op.requestId = context.requestId;
    if (context?.viewer) op.userId = context.viewer.kind === "user" ? context.viewer.userId : null;
    const definition = getOperationAST(args.document, args.operationName);
    op.operation = definition?.name?.value ?? null;
    op.operationType = definition?.operation ?? null;
    op.rootFields = definition ? rootFieldsLabel(definition, args.document) : null;
    if (op.operationType === "subscription") this.metrics.wsSubscriptions.inc();
  }

  private userOf(ctx: WsContext<any, Extra>): string {
    if (ctx.extra.claims?.subject) return ctx.extra.claims.subject;
    const params = ctx.connectionParams as Record<string, unknown> | undefined;
    return params?.authorization || params?.Authorization ? "unverified" : "anonymous";
  }

  /** Logs and counts an operation once, with the codes it answered (besides those already seen). */
  private finish(ctx: WsContext<any, Extra>, id: string, codes: string[] = []): void {
    const connection = this.connection(ctx.extra.socket);
    const op = connection.active.get(id);
    if (!op) return;
    connection.active.delete(id);
    if (op.operationType === "subscription") this.metrics.wsSubscriptions.dec();
    addCodes(op, codes);
    const durationMs = roundMs(performance.now() - op.started);
    const status = op.codes[0] ?? "ok";
    const level: Level = status === ErrorCode.INTERNAL_SERVER_ERROR ? "warn" : "info";
    this.log[level]({
      requestId: op.requestId,
      connectionId: connection.connectionId,
      transport: "ws",
      operation: op.operation,
      operationType: op.operationType,
      userId: op.userId ?? this.userOf(ctx),
      status,
      ...(op.codes.length ? { errors: op.codes } : {}),
      ...(op.operationType === "subscription" ? { events: op.events } : {}),
      durationMs,
    }, "ws operation completed");
    this.metrics.observe({
      transport: "ws",
      operationType: op.operationType,
      rootFields: op.rootFields,
      outcome: status,
      durationMs,
    });
  }
}
