import { describe, expect, it } from "vitest";
import { createLocalPubSub } from "../../src/pubsub/index.js";

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
