import { GraphQLBoolean, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { type UserViewer, type Viewer, isUser } from "../../src/access/viewer.js";
import { createSharedSubscribe, watchedViewer } from "../../src/api/shared-execution.js";

/**
 * Which subscribers share an event's execution (src/api/shared-execution.ts), on a schema small
 * enough to count executions exactly: every execution of `changed` resolves `runs` once. Users of one
 * kind share an answer that never asked who they are; an answer that asked "is the viewer this
 * user?" goes to every user who answers it alike; an answer that read the id itself is that user's.
 */
interface Event { changerId: string }
const runs: string[] = [];
const Change = new GraphQLObjectType<Event, { viewer: Viewer }>({
  name: "Change",
  fields: {
    runs: { type: GraphQLString, resolve: (_e, _a, ctx) => {
      runs.push(ctx.viewer.kind);
      return "counted";
    } },
    mine: { type: GraphQLBoolean, resolve: (e, _a, ctx) => isUser(ctx.viewer, e.changerId) },
    me: { type: GraphQLString, resolve: (_e, _a, ctx) => (ctx.viewer.kind === "user" ? ctx.viewer.userId : null) },
  },
});

/** One source of events for every subscriber: each is handed the same event object, as the pubsub does. */
class Channel {
  private readonly queues: Array<{ events: Event[]; wake: (() => void) | null }> = [];
  publish(event: Event): void {
    for (const q of this.queues) {
      q.events.push(event);
      q.wake?.();
    }
  }
  async *listen(): AsyncGenerator<Event> {
    const q: { events: Event[]; wake: (() => void) | null } = { events: [], wake: null };
    this.queues.push(q);
    for (;;) {
      while (q.events.length === 0) await new Promise<void>((wake) => (q.wake = wake));
      yield q.events.shift()!;
    }
  }
}

const channel = new Channel();
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: "Query", fields: { ok: { type: GraphQLBoolean, resolve: () => true } } }),
  subscription: new GraphQLObjectType({
    name: "Subscription",
    fields: { changed: { type: Change, subscribe: () => channel.listen(), resolve: (e: Event) => e } },
  }),
});

const kind = { kind: "user", role: "FOUNDATION", firmId: null, foundationId: "ydba", ikmId: null } as const;
const user = (userId: string, of: Partial<UserViewer> = {}): UserViewer => ({ ...kind, userId, ...of });

/** Subscribes each viewer to `query`, publishes one event, and answers what each received. */
async function round(viewers: Array<{ viewer: Viewer; watched?: boolean }>, query: string, changerId: string) {
  const subscribe = createSharedSubscribe();
  const document = parse(query);
  const streams = await Promise.all(viewers.map(async ({ viewer, watched = true }) => {
    const contextValue = { viewer: watched ? watchedViewer(viewer) : viewer, refreshLoaders: () => undefined };
    return (await subscribe({ schema, document, contextValue })) as AsyncGenerator<{ data?: { changed: Record<string, unknown> } }>;
  }));
  const nexts = streams.map((s) => s.next());
  runs.length = 0;
  channel.publish({ changerId });
  const answers = (await Promise.all(nexts)).map((r) => r.value.data?.changed);
  await Promise.all(streams.map((s) => s.return(undefined)));
  return { executions: runs.length, answers };
}

describe("shared executions of subscription events", () => {
  it("run once per kind of viewer when the answer asks nothing of who the user is", async () => {
    const r = await round([{ viewer: user("a") }, { viewer: user("b") }, { viewer: user("c") }, { viewer: user("d", { role: "ADMIN" }) }], "subscription { changed { runs } }", "a");
    expect(r.executions).toBe(2); // the foundation's three users, and the administrator
    expect(r.answers).toEqual(Array.from({ length: 4 }, () => ({ runs: "counted" })));
    const other = await round([{ viewer: user("a") }, { viewer: user("b", { foundationId: "lpb" }) }], "subscription { changed { runs } }", "a");
    expect(other.executions).toBe(2); // another foundation is another kind
  });

  it("share an answer that asked whether the viewer is some user with everyone who answers alike, in any order", async () => {
    const query = "subscription { changed { runs mine } }";
    for (const order of [["a", "b", "c", "d"], ["b", "a", "c", "d"], ["b", "c", "d", "a"]]) {
      const r = await round(order.map((id) => ({ viewer: user(id) })), query, "a");
      expect(r.executions, order.join()).toBe(2); // the changer's, and everyone else's
      expect(r.answers, order.join()).toEqual(order.map((id) => ({ runs: "counted", mine: id === "a" })));
    }
    // A change by nobody subscribed: every user answers "no" alike.
    const none = await round(["a", "b", "c"].map((id) => ({ viewer: user(id) })), query, "z");
    expect(none.executions).toBe(1);
    expect(none.answers).toEqual(Array.from({ length: 3 }, () => ({ runs: "counted", mine: false })));
  });

  it("keep an answer that read the user id itself for that user", async () => {
    const r = await round([{ viewer: user("a") }, { viewer: user("b") }, { viewer: user("a") }, { viewer: user("c") }], "subscription { changed { runs me } }", "a");
    expect(r.executions).toBe(3); // a's two subscriptions share theirs; b and c each run their own
    expect(r.answers).toEqual(["a", "b", "a", "c"].map((id) => ({ runs: "counted", me: id })));
  });

  it("share an unwatched viewer's answer only with the same user", async () => {
    const r = await round([{ viewer: user("a"), watched: false }, { viewer: user("b"), watched: false }, { viewer: user("a"), watched: false }], "subscription { changed { runs mine } }", "a");
    expect(r.executions).toBe(2);
    expect(r.answers.map((a) => a?.mine)).toEqual([true, false, true]);
  });
});
