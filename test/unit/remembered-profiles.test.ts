/**
 * Supplier profiles remembered by the match index (src/infra/match-index/profiles.ts): what is read,
 * what is remembered, and that a read overtaken by a change is never remembered. The reads here are
 * promises the test settles by hand, so the order of events is fixed, not raced.
 */
import { describe, expect, it } from "vitest";
import { RememberedProfiles } from "../../src/infra/match-index/profiles.js";
import type { SupplierProfile } from "../../src/core/matching/types.js";

const profile = (id: string, capacity = 100): SupplierProfile => ({
  id, stage: "MADYA", regionCode: "33.72", latitude: -7.5, longitude: 110.8,
  capabilities: [{ process: "CASTING", specifics: [], materials: ["besi"], toleranceMm: 0.1, monthlyCapacity: capacity, unit: "PCS" }],
  machines: [], certifications: [], commitments: [], fiveRPercent: null,
  delivery: { lots: 0, onTime: 0, qty: 0, rejected: 0, recency: null },
  sentraProcesses: [], koperasiPeerProcesses: [], sentraIds: [], koperasiIds: [], foundationIds: [],
});

/** A read the test answers by hand: `reads` lists the ids each call asked for. */
function manualReader(rows: Map<string, SupplierProfile>) {
  const reads: string[][] = [];
  const pending: Array<() => void> = [];
  const read = (ids: string[]) => {
    reads.push(ids);
    const answer = ids.map((id) => rows.get(id)).filter((p): p is SupplierProfile => p !== undefined).map((p) => structuredClone(p));
    return new Promise<SupplierProfile[]>((resolve) => pending.push(() => resolve(answer)));
  };
  const settleAll = () => pending.splice(0).forEach((settle) => settle());
  return { read, reads, settleAll };
}

/** get() with every read it starts answered at once. */
async function ask(remembered: RememberedProfiles, ids: string[], reader: ReturnType<typeof manualReader>) {
  const answer = remembered.get(ids, reader.read);
  reader.settleAll();
  return answer;
}

describe("remembered supplier profiles", () => {
  it("reads only the profiles it does not remember, and counts hits and misses", async () => {
    const rows = new Map(["a", "b", "c"].map((id) => [id, profile(id)]));
    const reader = manualReader(rows);
    const remembered = new RememberedProfiles(10);
    expect((await ask(remembered, ["a", "b"], reader)).map((p) => p.id).sort()).toEqual(["a", "b"]);
    expect((await ask(remembered, ["a", "b", "c", "gone"], reader)).map((p) => p.id).sort()).toEqual(["a", "b", "c"]);
    // The second ask read only c and the missing id (a missing IKM is never remembered, so asked again).
    expect(reader.reads).toEqual([["a", "b"], ["c", "gone"]]);
    expect(remembered.counts).toEqual({ hits: 2, misses: 4 });
    expect(remembered.size).toBe(3);
  });

  it("forgets a changed IKM, and every IKM when told of a change to all", async () => {
    const rows = new Map(["a", "b"].map((id) => [id, profile(id)]));
    const reader = manualReader(rows);
    const remembered = new RememberedProfiles(10);
    await ask(remembered, ["a", "b"], reader);
    rows.set("a", profile("a", 900));
    remembered.changed(["a"]);
    const after = await ask(remembered, ["a", "b"], reader);
    expect(reader.reads.at(-1)).toEqual(["a"]);
    expect(after.find((p) => p.id === "a")!.capabilities[0].monthlyCapacity).toBe(900);
    remembered.changed();
    expect(remembered.size).toBe(0);
    await ask(remembered, ["a", "b"], reader);
    expect(reader.reads.at(-1)).toEqual(["a", "b"]);
  });

  it("answers a read a change overtook, but does not remember it", async () => {
    const rows = new Map([["a", profile("a", 100)]]);
    const reader = manualReader(rows);
    const remembered = new RememberedProfiles(10);
    // The read takes a's rows before the write commits; the change is applied before the read returns.
    const inFlight = remembered.get(["a"], reader.read);
    rows.set("a", profile("a", 900));
    remembered.changed(["a"]);
    reader.settleAll();
    expect((await inFlight)[0].capabilities[0].monthlyCapacity).toBe(100);
    expect(remembered.size).toBe(0);
    // So the next ask reads again, and gets the write.
    expect((await ask(remembered, ["a"], reader))[0].capabilities[0].monthlyCapacity).toBe(900);
    expect(reader.reads).toEqual([["a"], ["a"]]);
    // A change to another IKM also keeps a read in flight from being remembered (the epoch is global).
    const again = remembered.get(["b"], reader.read);
    remembered.changed(["c"]);
    reader.settleAll();
    await again;
    expect(remembered.size).toBe(1);
  });

  it("shares frozen profiles, so no caller can change another's", async () => {
    const reader = manualReader(new Map([["a", profile("a")]]));
    const remembered = new RememberedProfiles(10);
    const [first] = await ask(remembered, ["a"], reader);
    const [second] = await ask(remembered, ["a"], reader);
    expect(second).toBe(first);
    expect(() => { (first as { stage: string }).stage = "MANDIRI"; }).toThrow(TypeError);
    expect(() => { (first.capabilities as unknown[]).push({}); }).toThrow(TypeError);
    expect(() => { (first.capabilities[0] as { monthlyCapacity: number }).monthlyCapacity = 1; }).toThrow(TypeError);
  });

  it("peeks at a remembered record at once, counted as a hit; a forgotten or unknown one is undefined and read by get", async () => {
    const rows = new Map(["a", "b"].map((id) => [id, profile(id)]));
    const reader = manualReader(rows);
    const remembered = new RememberedProfiles(10);
    expect(remembered.peek("a")).toBeUndefined();
    const [a] = await ask(remembered, ["a", "b"], reader);
    expect(remembered.peek("a")).toBe(a);
    remembered.changed(["a"]);
    expect(remembered.peek("a")).toBeUndefined();
    expect(remembered.peek("b")?.id).toBe("b");
    remembered.changed();
    expect(remembered.peek("b")).toBeUndefined();
    expect(remembered.counts).toEqual({ hits: 2, misses: 2 });
    expect(reader.reads).toEqual([["a", "b"]]);
    expect(new RememberedProfiles(0).peek("a")).toBeUndefined();
  });

  it("keeps at most its size, dropping the least recently asked", async () => {
    const rows = new Map(["a", "b", "c"].map((id) => [id, profile(id)]));
    const reader = manualReader(rows);
    const remembered = new RememberedProfiles(2);
    await ask(remembered, ["a"], reader);
    await ask(remembered, ["b"], reader);
    await ask(remembered, ["a"], reader); // a is now more recent than b
    await ask(remembered, ["c"], reader);
    expect(remembered.size).toBe(2);
    await ask(remembered, ["a", "b"], reader);
    expect(reader.reads.at(-1)).toEqual(["b"]);
  });

  it("with a size of 0 remembers nothing", async () => {
    const reader = manualReader(new Map([["a", profile("a")]]));
    const remembered = new RememberedProfiles(0);
    await ask(remembered, ["a"], reader);
    await ask(remembered, ["a"], reader);
    expect(reader.reads).toEqual([["a"], ["a"]]);
    expect(remembered.counts).toEqual({ hits: 0, misses: 2 });
  });
});
