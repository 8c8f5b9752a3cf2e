import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MaturityStage } from "../../src/domain/enums.js";
import { STAGE_ORDER, stageRank } from "../../src/domain/stages.js";
import { MATURITY } from "../../src/core/maturity/config.js";
import { type StageChangeRequest, fiveRBySection, fiveRPercent, pillarAverage, proposeStage, reassessmentCutoff, stageChangeProblem } from "../../src/core/maturity/rules.js";

describe("the stage an assessment proposes", () => {
  it.each<[number, MaturityStage]>([
    [0, "PEMULA"], [24.99, "PEMULA"], [25, "MADYA"], [49.99, "MADYA"], [50, "PRAMANDIRI"], [74.99, "PRAMANDIRI"], [75, "MANDIRI"], [100, "MANDIRI"],
  ])("a pillar average of %d proposes %s (default cut-offs 25/50/75)", (average, stage) => {
    expect(proposeStage(average)).toBe(stage);
  });

  it("reads its cut-offs from the configuration", () => {
    expect(MATURITY.stageThresholds).toEqual({ MADYA: 25, PRAMANDIRI: 50, MANDIRI: 75 });
    expect(proposeStage(40, { MADYA: 10, PRAMANDIRI: 30, MANDIRI: 60 })).toBe("PRAMANDIRI");
  });

  it("never proposes a lower stage for a higher average", () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      expect(stageRank(proposeStage(lo))).toBeLessThanOrEqual(stageRank(proposeStage(hi)));
    }));
  });

  it("averages the five pillars to two decimals", () => {
    expect(pillarAverage({ production: 62, marketing: 51, finance: 55, hr: 58, ehs: 60 })).toBe(57.2);
    expect(pillarAverage({ production: 33, marketing: 33, finance: 33, hr: 33, ehs: 34 })).toBe(33.2);
  });
});

describe("5R roll-up", () => {
  it("is the points scored over the points possible (2 per item), in percent", () => {
    expect(fiveRPercent([])).toBeNull();
    expect(fiveRPercent([{ section: "RINGKAS", item: "a", score: 2 }, { section: "RAPI", item: "b", score: 1 }, { section: "RESIK", item: "c", score: 0 }])).toBe(50);
    expect(fiveRPercent([{ section: "RAJIN", item: "a", score: 1 }, { section: "RAJIN", item: "b", score: 1 }, { section: "RAJIN", item: "c", score: 2 }])).toBe(66.67);
  });

  it("rolls up per section, leaving out sections without items", () => {
    expect(fiveRBySection([{ section: "RINGKAS", item: "a", score: 2 }, { section: "RINGKAS", item: "b", score: 1 }, { section: "RAWAT", item: "c", score: 0 }])).toEqual({ RINGKAS: 75, RAWAT: 0 });
  });
});

describe("stage change rules", () => {
  const reason = "A reason long enough";
  const base = (r: Partial<StageChangeRequest>): StageChangeRequest => ({ from: "MADYA", to: "PRAMANDIRI", reason: null, override: false, assessedStage: null, ...r });

  it.each<[string, Partial<StageChangeRequest>, string | null]>([
    ["one step up citing an assessment that proposes it", { assessedStage: "PRAMANDIRI" }, null],
    ["one step up citing an assessment that proposes more", { assessedStage: "MANDIRI" }, null],
    ["one step up without an assessment", {}, "cites an assessment"],
    ["one step up citing an assessment that proposes less", { assessedStage: "MADYA" }, "proposes MADYA, below PRAMANDIRI"],
    ["one step up by override with a reason", { override: true, reason }, null],
    ["one step up by override without a reason", { override: true, reason: "short" }, "override needs a reason"],
    ["the same stage", { to: "MADYA", assessedStage: "MADYA" }, "already MADYA"],
    ["two steps up citing an assessment", { to: "MANDIRI", assessedStage: "MANDIRI" }, "skips 1 stage"],
    ["two steps up by override with a reason", { to: "MANDIRI", override: true, reason }, null],
    ["one step down with a reason", { to: "PEMULA", reason }, null],
    ["one step down without a reason", { to: "PEMULA" }, "demotion from MADYA to PEMULA needs a reason"],
    ["one step down with a too short reason", { to: "PEMULA", reason: "bad year" }, "needs a reason"],
    ["three steps down by override with a reason", { from: "MANDIRI", to: "PEMULA", override: true, reason }, null],
    ["two steps down with a reason but no override", { from: "MANDIRI", to: "MADYA", reason }, "skips 1 stage"],
  ])("%s", (_label, request, problem) => {
    const answer = stageChangeProblem(base(request));
    if (problem === null) expect(answer).toBeNull();
    else expect(answer).toContain(problem);
  });

  it("allows exactly the moves the rules name, for every pair of stages", () => {
    const stage = fc.constantFrom<MaturityStage>(...STAGE_ORDER);
    fc.assert(fc.property(stage, stage, fc.option(stage, { nil: null }), fc.boolean(), fc.boolean(), (from, to, assessedStage, override, reasoned) => {
      const allowed = stageChangeProblem({ from, to, assessedStage, override, reason: reasoned ? reason : null }) === null;
      const step = stageRank(to) - stageRank(from);
      const expected =
        step !== 0 &&
        (override ? reasoned : Math.abs(step) === 1 && (step < 0 ? reasoned : assessedStage !== null && stageRank(assessedStage) >= stageRank(to)));
      expect(allowed).toBe(expected);
    }));
  });
});

describe("reassessmentCutoff", () => {
  const day = (s: string) => new Date(`${s}T15:00:00Z`);
  it("goes back whole calendar months, clamped to the target month's last day as PostgreSQL does", () => {
    expect(reassessmentCutoff(day("2027-03-31"), 1)).toBe("2027-02-28");
    expect(reassessmentCutoff(day("2028-03-31"), 1)).toBe("2028-02-29");
    expect(reassessmentCutoff(day("2027-03-31"), 6)).toBe("2026-09-30");
    expect(reassessmentCutoff(day("2027-01-15"), 12)).toBe("2026-01-15");
    expect(reassessmentCutoff(day("2027-01-15"), 25)).toBe("2024-12-15");
  });
  it("defaults to MATURITY.reassessAfterMonths", () => {
    expect(reassessmentCutoff(day("2027-06-10"))).toBe(reassessmentCutoff(day("2027-06-10"), MATURITY.reassessAfterMonths));
  });
});
