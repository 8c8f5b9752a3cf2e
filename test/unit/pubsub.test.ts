import { describe, expect, it } from "vitest";
import { type Topics, createLocalPubSub, parseEventId, replayThenLive } from "../../src/pubsub/index.js";

describe("the local pubsub", () => {
  it("routes by topic and id, and stops delivering when the subscriber leaves", async () => {
    const pubsub = createLocalPubSub();
    const a = pubsub.subscribe("MATCHES_CHANGED", "need-a")[Symbol.asyncIterator]();
    const b = pubsub.subscribe("MATCHES_CHANGED", "need-b")[Symbol.asyncIterator]();
    const event = (needId: string) => ({ needId, entered: [], left: [], moved: [], changedAt: "2026-11-22T00:00:00Z" });
    const first = a.next();
    const second = b.next();
    pubsub.publish("MATCHES_CHANGED", "need-a", event("need-a"));
    pubsub.publish("MATCHES_CHANGED", "need-b", event("need-b"));
    expect((await first).value.needId).toBe("need-a");
    expect((await second).value.needId).toBe("need-b");
    await a.return?.();
    pubsub.publish("MATCHES_CHANGED", "need-a", event("need-a"));
    expect(await a.next()).toEqual({ done: true, value: undefined });
  });

  it("treats an undefined id as none, as type-graphql subscribes to topics without one", async () => {
    const pubsub = createLocalPubSub();
    const subscribe = pubsub.subscribe as (topic: string, id?: string) => AsyncIterable<unknown>;
    const it = subscribe("NEED_CHANGED", undefined)[Symbol.asyncIterator]();
    const next = it.next();
    pubsub.publish("NEED_CHANGED", { needId: "n1", firmId: "f", eventId: "e", sentAt: "" });
    expect(((await next).value as { needId: string }).needId).toBe("n1");
    await it.return?.();
  });

  it("keeps only the newest events of a subscriber that stops reading, and never throws at the publisher", async () => {
    const pubsub = createLocalPubSub(8);
    const slow = pubsub.subscribe("NEED_CHANGED")[Symbol.asyncIterator]();
    await Promise.race([slow.next(), new Promise((r) => setTimeout(r, 10))]); // starts the stream
    expect(() => {
      for (let i = 0; i < 5000; i++) pubsub.publish("NEED_CHANGED", { needId: `n${i}`, firmId: "f", eventId: String(i), sentAt: "" });
    }).not.toThrow();
    const seen: string[] = [];
    for (let i = 0; i < 8; i++) seen.push(((await slow.next()).value as { needId: string }).needId);
    expect(seen.at(-1)).toBe("n4999");
    expect(seen).toContain("n4992");
    await slow.return?.();
  });
});

describe("event ids a client sends back", () => {
  it("are the decimal bigints the log issues, and nothing else", () => {
    expect(parseEventId("0")).toBe(0n);
    expect(parseEventId("42")).toBe(42n);
    expect(parseEventId("9223372036854775807")).toBe(9_223_372_036_854_775_807n);
    for (const text of ["9223372036854775808", "-1", "1.5", "", " 1", "1e3", "0x10", "abc", "12345678901234567890"]) {
      expect(parseEventId(text), text).toBeNull();
    }
  });
});

describe("a resumed stream (replayThenLive)", () => {
  type NeedChanged = Topics["NEED_CHANGED"][0];
  const event = (id: number): NeedChanged => ({ needId: `n${id}`, firmId: "f", eventId: String(id), sentAt: "" });
  const take = async (stream: AsyncIterator<NeedChanged>, n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await stream.next()).value.eventId);
    return ids;
  };
  /** A local pubsub stream that records whether it was ended. */
  const tracked = (pubsub: ReturnType<typeof createLocalPubSub>) => {
    const source = pubsub.subscribe("NEED_CHANGED")[Symbol.asyncIterator]();
    const state = { ended: false };
    const iterable: AsyncIterable<NeedChanged> = {
      [Symbol.asyncIterator]: () => ({
        next: () => source.next(),
        return: async () => {
          state.ended = true;
          return source.return!();
        },
      }),
    };
    return { iterable, state };
  };

  it("listens before it reads the log: what commits meanwhile is replayed or live, once, in order", async () => {
    const pubsub = createLocalPubSub();
    const stream = await replayThenLive(pubsub.subscribe("NEED_CHANGED"), async () => {
      // While the log is read, 12 (also in the replay) and 13 (committed after the read) arrive live.
      pubsub.publish("NEED_CHANGED", event(12));
      pubsub.publish("NEED_CHANGED", event(13));
      return [event(11), event(12)];
    }, 10n);
    pubsub.publish("NEED_CHANGED", event(14));
    expect(await take(stream, 4)).toEqual(["11", "12", "13", "14"]);
    await stream.return!();
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it("passes only live events after `after` when nothing is replayed", async () => {
    const pubsub = createLocalPubSub();
    const stream = await replayThenLive(pubsub.subscribe("NEED_CHANGED"), async () => [], 20n);
    for (const id of [19, 20, 21, 22]) pubsub.publish("NEED_CHANGED", event(id));
    expect(await take(stream, 2)).toEqual(["21", "22"]);
    await stream.return!();
  });

  it("filters live events with keep, never the replayed ones", async () => {
    const pubsub = createLocalPubSub();
    const seen: string[] = [];
    const keep = async (e: NeedChanged) => {
      seen.push(e.eventId);
      return Number(e.eventId) % 2 === 0;
    };
    const stream = await replayThenLive(pubsub.subscribe("NEED_CHANGED"), async () => [event(11)], 10n, { keep });
    for (const id of [13, 14]) pubsub.publish("NEED_CHANGED", event(id));
    expect(await take(stream, 2)).toEqual(["11", "14"]);
    expect(seen).toEqual(["13", "14"]);
    await stream.return!();
  });

  it("ends once, and stops listening, when returned before anything was read", async () => {
    const { iterable, state } = tracked(createLocalPubSub());
    let ends = 0;
    const stream = await replayThenLive(iterable, async () => [event(1)], 0n, { end: () => ends++ });
    await stream.return!();
    await stream.return!();
    expect(ends).toBe(1);
    expect(state.ended).toBe(true);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it("ends and stops listening when reading the log fails, and passes the error on", async () => {
    const { iterable, state } = tracked(createLocalPubSub());
    let ends = 0;
    await expect(replayThenLive(iterable, async () => {
      throw new Error("after: too old");
    }, 0n, { end: () => ends++ })).rejects.toThrow("too old");
    expect(ends).toBe(1);
    expect(state.ended).toBe(true);
  });
});
