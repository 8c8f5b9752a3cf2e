import { describe, expect, it } from "vitest";
import { DomainError, ErrorCode } from "../../src/domain/errors.js";
import { SUBSCRIBER_BACKLOG, type Topics, Turns, createLocalPubSub, parseEventId, replayThenLive, stream as stream_ } from "../../src/infra/events/bus.js";
import { until } from "../helpers/subscriptions.js";

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

  it("ends the stream of a subscriber more than its backlog behind with RESUME_REQUIRED, after the events it had", async () => {
    const pubsub = createLocalPubSub(8);
    const slow = pubsub.subscribe("NEED_CHANGED")[Symbol.asyncIterator]();
    const first = slow.next(); // the stream listens; this read takes the first event
    expect(pubsub.listening("NEED_CHANGED")).toBe(1);
    expect(() => {
      for (let i = 0; i < 5000; i++) pubsub.publish("NEED_CHANGED", { needId: `n${i}`, firmId: "f", eventId: String(i), sentAt: "" });
    }).not.toThrow(); // the Repeater itself would throw inside the publisher past 1,024 waiting
    expect(pubsub.listening("NEED_CHANGED")).toBe(0); // let go at once: nothing more is held for it
    const seen = [((await first).value as { needId: string }).needId];
    for (let i = 0; i < 7; i++) seen.push(((await slow.next()).value as { needId: string }).needId);
    expect(seen).toEqual(["n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7"]); // the oldest, none dropped
    const error = await slow.next().then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(ErrorCode.RESUME_REQUIRED);
    expect((error as DomainError).message).toMatch(/more than 8 events behind.*subscribe again with after set to the last eventId you received/);
    expect(await slow.next()).toEqual({ done: true, value: undefined });
  });

  it("lets a subscriber have exactly its backlog waiting, and one that keeps reading any number of events", async () => {
    const backlog = 8;
    const pubsub = createLocalPubSub(backlog);
    const reader = pubsub.subscribe("NEED_CHANGED")[Symbol.asyncIterator]();
    const publish = (i: number) => pubsub.publish("NEED_CHANGED", { needId: `n${i}`, firmId: "f", eventId: String(i), sentAt: "" });
    const first = reader.next();
    for (let i = 0; i < backlog; i++) publish(i); // the one being read and seven more: eight waiting
    const seen = [(await first).value.eventId];
    for (let i = 1; i < backlog; i++) seen.push((await reader.next()).value.eventId);
    // Reading as they come, 100 times the backlog pass.
    for (let i = backlog; i < 100 * backlog; i++) {
      const next = reader.next();
      publish(i);
      seen.push((await next).value.eventId);
    }
    expect(seen).toEqual(Array.from({ length: 100 * backlog }, (_, i) => String(i)));
    expect(pubsub.listening("NEED_CHANGED")).toBe(1);
    await reader.return?.();
    expect(pubsub.listening()).toBe(0);
  });

  it("refuses a backlog the Repeater under it could not hold", () => {
    expect(() => createLocalPubSub(1024)).toThrow(/backlog/);
    expect(() => createLocalPubSub(0)).toThrow(/backlog/);
  });
});

describe("fan-out in turns (Turns): the event loop is free between turns", () => {
  /** Runs `marker` once the event loop has had a turn of its own: a setImmediate queued now. */
  const afterATurn = (marker: () => void) => setImmediate(marker);

  it("runs at most perTurn pieces of work a turn, in the order they came, with I/O's turn in between", async () => {
    const turns = new Turns(3);
    const order: string[] = [];
    for (let i = 1; i <= 10; i++) turns.run(() => order.push(String(i)));
    expect(order).toEqual(["1", "2", "3"]); // room for three at once; the rest wait
    afterATurn(() => order.push("io"));
    await until(() => order.length === 11);
    expect(order).toEqual(["1", "2", "3", "4", "5", "6", "io", "7", "8", "9", "10"]);
  });

  it("hands a shared value over in turns, and a rejection at once", async () => {
    const turns = new Turns(2);
    const got: string[] = [];
    const value = Promise.resolve("row");
    const takers = Array.from({ length: 5 }, (_, i) => turns.take(value).then((v) => void got.push(`${v}${i}`)));
    afterATurn(() => got.push("io"));
    await Promise.all(takers);
    expect(got.indexOf("io")).toBeGreaterThan(1);
    expect(got.indexOf("io")).toBeLessThan(5); // between the first two and the last
    expect(got.filter((g) => g !== "io")).toEqual(["row0", "row1", "row2", "row3", "row4"]);
    await expect(turns.take(Promise.reject(new Error("read failed")))).rejects.toThrow("read failed");
  });

  it("delivers one event to many subscribers in turns, each subscriber's events still in order", async () => {
    const pubsub = createLocalPubSub(SUBSCRIBER_BACKLOG, 50);
    const readers = Array.from({ length: 300 }, () => pubsub.subscribe("NEED_CHANGED")[Symbol.asyncIterator]());
    const firsts = readers.map((r) => r.next());
    const order: string[] = [];
    void Promise.all(firsts).then(() => order.push("all had the first"));
    pubsub.publish("NEED_CHANGED", { needId: "a", firmId: "f", eventId: "1", sentAt: "" });
    pubsub.publish("NEED_CHANGED", { needId: "b", firmId: "f", eventId: "2", sentAt: "" });
    afterATurn(() => order.push("io"));
    const seen = await Promise.all(readers.map(async (r, i) => [(await firsts[i]).value.eventId, (await r.next()).value.eventId]));
    expect(seen.every(([a, b]) => a === "1" && b === "2")).toBe(true);
    expect(order[0]).toBe("io"); // the loop had a turn before all 300 had the first event
    await Promise.all(readers.map((r) => r.return?.()));
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

describe("a subscriber's stream (stream and replayThenLive share one lifecycle)", () => {
  type NeedChanged = Topics["NEED_CHANGED"][0];
  const event = (id: number): NeedChanged => ({ needId: `n${id}`, firmId: "f", eventId: String(id), sentAt: "" });
  const take = async (stream: AsyncIterator<NeedChanged>, n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await stream.next()).value.eventId);
    return ids;
  };
  const replayed = (events: NeedChanged[], upTo: bigint) => async () => ({ events, upTo });
  /** Listens on a fresh local pubsub; `listening()` says whether the stream still holds its listener. */
  const bus = (backlog?: number) => {
    const pubsub = createLocalPubSub(backlog);
    return {
      pubsub,
      listen: () => pubsub.subscribe("NEED_CHANGED"),
      publish: (...ids: number[]) => ids.forEach((id) => pubsub.publish("NEED_CHANGED", event(id))),
      listening: () => pubsub.listening("NEED_CHANGED"),
    };
  };
  const rejection = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e);

  it("listens before it reads the log: what commits meanwhile is replayed or live, once, in order", async () => {
    const b = bus();
    const stream = await replayThenLive(b.listen, async () => {
      // While the log is read, 12 (also in the replay) and 13 (committed after the read) arrive live.
      b.publish(12, 13);
      return { events: [event(11), event(12)], upTo: 12n };
    }, 10n);
    b.publish(14);
    expect(await take(stream, 4)).toEqual(["11", "12", "13", "14"]);
    await stream.return!();
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    expect(b.listening()).toBe(0);
  });

  it("passes only live events after `after` when nothing is replayed", async () => {
    const b = bus();
    const stream = await replayThenLive(b.listen, replayed([], 20n), 20n);
    b.publish(19, 20, 21, 22);
    expect(await take(stream, 2)).toEqual(["21", "22"]);
    await stream.return!();
  });

  it("skips live events up to the newest id the replay read, also those it left out", async () => {
    // The log read up to 15; 13 to 15 were not for this subscriber (another's, deleted since, not
    // visible) and were left out. Their live copies arrive after the read: none may slip through.
    const b = bus();
    const stream = await replayThenLive(b.listen, async () => {
      b.publish(11, 13);
      return { events: [event(11)], upTo: 15n };
    }, 10n);
    b.publish(14, 15, 16);
    expect(await take(stream, 2)).toEqual(["11", "16"]);
    await stream.return!();
  });

  it("filters live events with keep, never the replayed ones", async () => {
    const b = bus();
    const seen: string[] = [];
    const keep = async (e: NeedChanged) => {
      seen.push(e.eventId);
      return Number(e.eventId) % 2 === 0;
    };
    const stream = await replayThenLive(b.listen, replayed([event(11)], 11n), 10n, { keep });
    b.publish(13, 14);
    expect(await take(stream, 2)).toEqual(["11", "14"]);
    expect(seen).toEqual(["13", "14"]);
    await stream.return!();
  });

  it("ends once, and stops listening, when returned before anything was read", async () => {
    const b = bus();
    let ends = 0;
    const stream = await replayThenLive(b.listen, replayed([event(1)], 1n), 0n, { end: () => ends++ });
    expect(b.listening()).toBe(1); // listening since the subscribe, before the first read
    await stream.return!();
    await stream.return!();
    expect(ends).toBe(1);
    expect(b.listening()).toBe(0);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it("ends and stops listening when reading the log fails, and passes the error on", async () => {
    const b = bus();
    let starts = 0;
    let ends = 0;
    await expect(replayThenLive(b.listen, async () => {
      throw new Error("after: too old");
    }, 0n, { start: () => void starts++, end: () => void ends++ })).rejects.toThrow("too old");
    expect([starts, ends]).toEqual([1, 1]);
    expect(b.listening()).toBe(0);
  });

  it("ends and stops listening when keep throws, and passes the error on (nobody calls return after a rejected next)", async () => {
    for (const resumed of [true, false]) {
      const b = bus();
      let ends = 0;
      const hooks = {
        start: () => undefined,
        end: () => void ends++,
        keep: async () => {
          throw new Error("the viewer's check failed");
        },
      };
      const stream = resumed ? await replayThenLive(b.listen, replayed([], 0n), 0n, hooks) : stream_(b.listen, hooks);
      const next = stream.next();
      await until(() => b.listening() === 1);
      b.publish(1);
      expect(await rejection(next), `resumed: ${resumed}`).toEqual(new Error("the viewer's check failed"));
      expect(ends, `resumed: ${resumed}`).toBe(1);
      expect(b.listening(), `resumed: ${resumed}`).toBe(0);
      expect(await stream.next()).toEqual({ done: true, value: undefined });
      expect(ends).toBe(1);
    }
  });

  it("ends when the subscriber falls behind, after the events it had, and passes RESUME_REQUIRED on", async () => {
    for (const resumed of [true, false]) {
      const b = bus(4);
      let ends = 0;
      const stream = resumed ? await replayThenLive(b.listen, replayed([], 0n), 0n, { end: () => void ends++ }) : stream_(b.listen, { end: () => void ends++ });
      const first = stream.next();
      await until(() => b.listening() === 1);
      b.publish(1, 2, 3, 4, 5, 6);
      const ids = [(await first).value!.eventId, ...(await take(stream, 3))];
      expect(ids, `resumed: ${resumed}`).toEqual(["1", "2", "3", "4"]);
      const error = await rejection(stream.next());
      expect((error as DomainError).code, `resumed: ${resumed}`).toBe(ErrorCode.RESUME_REQUIRED);
      expect(ends).toBe(1);
      expect(b.listening()).toBe(0);
    }
  });

  it("starts only when first read when not resumed, and ends once whoever ends it", async () => {
    const b = bus();
    const calls: string[] = [];
    const hooks = { start: () => void calls.push("start"), end: () => void calls.push("end") };
    const unread = stream_(b.listen, hooks);
    await unread.return!();
    expect(calls).toEqual([]); // returned unread: nothing ran, nothing to undo
    expect(b.listening()).toBe(0);

    const read = stream_(b.listen, hooks);
    const next = read.next();
    await until(() => b.listening() === 1);
    expect(calls).toEqual(["start"]);
    b.publish(1);
    expect((await next).value!.eventId).toBe("1");
    const waiting = read.next();
    await read.return!();
    expect(await waiting).toEqual({ done: true, value: undefined }); // a pending read ends with the stream
    await read.return!();
    expect(calls).toEqual(["start", "end"]);
    expect(b.listening()).toBe(0);
  });
});
