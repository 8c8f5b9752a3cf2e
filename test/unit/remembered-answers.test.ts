/** RememberedAnswers (src/infra/match-index/answers.ts) on its own: keys, failures, the bound, off. */
import { describe, expect, it } from "vitest";
import { RememberedAnswers } from "../../src/infra/match-index/answers.js";

/** A scan that counts its runs and answers with its run number. */
function counter() {
  let runs = 0;
  return { scan: () => Promise.resolve(++runs), runs: () => runs };
}

describe("RememberedAnswers", () => {
  it("answers the same question from memory until changed() and counts hits and misses", async () => {
    const answers = new RememberedAnswers(10);
    const c = counter();
    expect(await answers.answer(["rank", { id: "n" }, 20], c.scan)).toBe(1);
    expect(await answers.answer(["rank", { id: "n" }, 20], c.scan)).toBe(1);
    expect(answers.counts).toMatchObject({ hits: 1, misses: 1 });
    answers.changed();
    expect(await answers.answer(["rank", { id: "n" }, 20], c.scan)).toBe(2);
    expect(answers.counts).toMatchObject({ hits: 1, misses: 2 });
  });

  it("keeps NaN, the infinities and null apart, and every other value", async () => {
    const answers = new RememberedAnswers(10);
    const c = counter();
    const questions = [[null], [Number.NaN], [Number.POSITIVE_INFINITY], [Number.NEGATIVE_INFINITY], [0], ["0"], [{}], [[]], [{ a: 1 }], [{ a: 2 }]];
    for (const q of questions) await answers.answer(q, c.scan);
    expect(c.runs()).toBe(questions.length);
    for (const q of questions) await answers.answer(q, c.scan);
    expect(c.runs()).toBe(questions.length);
  });

  it("forgets a failed scan, so that the next question scans again", async () => {
    const answers = new RememberedAnswers(10);
    await expect(answers.answer(["q"], () => Promise.reject(new Error("a scan worker stopped; try again")))).rejects.toThrow(/worker stopped/);
    expect(await answers.answer(["q"], () => Promise.resolve("scanned"))).toBe("scanned");
  });

  it("keeps at most its bound, dropping the least recently asked", async () => {
    const answers = new RememberedAnswers(2);
    const c = counter();
    await answers.answer(["a"], c.scan); // 1
    await answers.answer(["b"], c.scan); // 2
    await answers.answer(["a"], c.scan); // a asked again: b is now the oldest
    await answers.answer(["c"], c.scan); // 3, drops b
    expect(await answers.answer(["a"], c.scan)).toBe(1);
    expect(await answers.answer(["b"], c.scan)).toBe(4);
  });

  it("with a bound of 0 remembers nothing", async () => {
    const answers = new RememberedAnswers(0);
    const c = counter();
    await answers.answer(["a"], c.scan);
    await answers.answer(["a"], c.scan);
    expect(c.runs()).toBe(2);
    expect(answers.counts).toMatchObject({ hits: 0, misses: 2 });
  });
});
