/**
 * Joint supply and programme figures (issue 7), in one place with their sources. Programme figures
 * carry the source and the date they were read, so they can be updated when policy changes.
 */

/** How consortia of one cluster's members are proposed for a need no single IKM can cover. */
export const CONSORTIUM = {
  /**
   * Most members in one proposal. A koperasi splits an order among members (README, Sources: Koperasi
   * Batur Jaya, Ceper); each extra member is another delivery to coordinate and check, so proposals
   * stay small. An assumption, not a published figure.
   */
  maxMembers: 6,
  /** A member takes at least this share of the quantity, or it is not worth coordinating. Assumption. */
  minShare: 0.05,
  /** Proposals returned per need, best first. */
  proposals: 5,
  /**
   * The proposal's ranking value: combined score minus coordination cost, where coordination cost
   * is `perMember` points for each member beyond the first and `perKmSpread` points for each km
   * between the two members farthest apart (capped at `maxSpreadPenalty`). Assumptions, chosen so
   * one extra member weighs about as much as 5 points of score.
   */
  coordination: { perMember: 5, perKmSpread: 0.1, maxSpreadPenalty: 15 },
  /**
   * Most member subsets the search of one cluster visits before it returns the best set found so
   * far, marked not proven optimal (src/core/supply/consortium.ts). A guard against clusters built to
   * defeat the search's bounds, not a tuning knob: random clusters of 200 members need far fewer
   * (scripts/bench-consortium.ts), and this many take tens of milliseconds.
   */
  searchNodeBudget: 200_000,
} as const;

/** Allocating several needs at once within the IKMs' free capacity (src/core/supply/allocation.ts). */
export const ALLOCATION = {
  /**
   * Points for covering a need's whole quantity, on top of its 0..100 score-weighted coverage, so
   * that covering comes before scoring. At 1,000 (ten times the score scale) the allocation leaves
   * 1% of one need's quantity uncovered only to gain more than 10 points of score-weighted
   * coverage elsewhere, such as moving a whole need from a supplier scoring 60 to one scoring 71.
   * Policy, not a published figure.
   */
  coverageReward: 1000,
  /**
   * Eligible IKMs per need, best first by what each could bring the need alone (coverage reward
   * plus score, times the units it can take), that enter the model. It keeps the model small when
   * hundreds qualify: a need uses at most CONSORTIUM.maxMembers of them, and the rest are the
   * alternatives when other needs take the best ones' capacity. Measured on random problems of 20
   * needs x 500 IKMs (scripts/bench-allocation.ts): against all candidates, 30 lost at most 2.3
   * points of objective (0.01%), 20 up to 100 and 10 up to 870, and 30 took about half the time.
   */
  candidatesPerNeed: 30,
  /**
   * HiGHS stops when its solution is proven within this share of the optimum. Its default (1e-4)
   * is coarser than the score part of the objective (coverage is worth 1,000 points a need), so it
   * could stop before settling scores; 1e-6 of 20 needs' ~22,000 points is 0.02 points, and on
   * the benchmark's problems it cost little time over 1e-4.
   */
  mipRelativeGap: 1e-6,
  /**
   * Longest one allocation's solving may take, all its solves together: the independent groups of
   * needs are solved one after the other, each given what is left, and once less than a moment is
   * left (MIN_SOLVE_SECONDS, src/core/supply/allocation.ts) the groups not solved yet get greedy's
   * answer without a solve. Preparing the problem counts against it; building each model and
   * reading HiGHS's answer come on top, as does HiGHS overrunning its limit a little. A request an
   * administrator waits for. On the benchmark (scripts/bench-allocation.ts, a shared 2-core
   * machine, two runs) 20 needs x 500 IKMs took 1.2-1.8 s at the median (p95 4-6 s), and 50 x
   * 1,000 about 9 s, often stopping here with a solution still 15% above greedy's.
   */
  timeLimitSeconds: 10,
  /**
   * How long past its time limit an allocation may run on the solver thread before the runner
   * (src/infra/solver/allocation-pool.ts) takes the thread as hung, stops it and rejects the allocation
   * with SolverStopped (callers may answer with greedy's allocation instead), and serves the
   * queue on a new thread. Counted from when the thread begins the allocation (after it has
   * started and loaded HiGHS); the work besides the solves (preparing, greedy, building the models,
   * reading the answers) and HiGHS overrunning its limit must fit in it. An assumption with a wide
   * margin over that work, not a measured figure.
   */
  watchdogGraceSeconds: 5,
  /**
   * Allocations that may wait for the solver while one runs (src/infra/solver/allocation-pool.ts); one
   * more is refused as busy (RATE_LIMITED) rather than queued. The runner solves one at a time on
   * one worker thread (HiGHS is single-threaded, the machine has 2 cores and the other serves
   * requests), so the last of 4 waiting waits for the one being solved and the 3 before it: 4
   * allocations of about timeLimitSeconds each at worst (40 s and a little), never more than 4 x
   * (timeLimitSeconds + watchdogGraceSeconds) = 60 s plus starting a new thread after a stop, and
   * a few seconds on typical problems. An administrator's request, rarely concurrent: policy, not
   * a measured figure.
   */
  maxQueued: 4,
} as const;

export interface Sourced {
  /** Where the figure comes from. */
  source: string;
  /** When the figure was valid or read (ISO date or year). */
  asOf: string;
}

/** Machine restructuring (restrukturisasi mesin) of the Ministry of Industry. */
export const MACHINE_RESTRUCTURING = {
  /** Share of a domestic machine's price reimbursed. */
  domesticDiscount: 0.3,
  /** Share of an imported machine's price reimbursed. */
  importedDiscount: 0.25,
  /** Reimbursement per company, in rupiah. */
  minPerCompanyIdr: 5_000_000,
  maxPerCompanyIdr: 300_000_000,
  /** The IKM pays first and is reimbursed after a verifier's visit. */
  paidAfterVerification: true,
  source: "Kemenperin (Ditjen IKMA), programme restrukturisasi mesin/peralatan IKM, 2020 terms: 30% of a domestic machine, 25% of an imported one, Rp5M-300M per company, reimbursed after a verifier's visit",
  asOf: "2020",
} as const satisfies Sourced & Record<string, unknown>;

export type KurBandName = "SUPER_MICRO" | "MICRO" | "SMALL";

/** KUR (Kredit Usaha Rakyat) bands: loan amount ranges and yearly interest rates. */
export const KUR = {
  bands: [
    { name: "SUPER_MICRO", minIdr: 0, maxIdr: 10_000_000, rateMinPct: 3, rateMaxPct: 3 },
    { name: "MICRO", minIdr: 10_000_001, maxIdr: 100_000_000, rateMinPct: 6, rateMaxPct: 9 },
    { name: "SMALL", minIdr: 100_000_001, maxIdr: 500_000_000, rateMinPct: 6, rateMaxPct: 9 },
  ] as ReadonlyArray<{ name: KurBandName; minIdr: number; maxIdr: number; rateMinPct: number; rateMaxPct: number }>,
  source: "Kredit Usaha Rakyat (KUR) 2023 terms, Kemenko Perekonomian: super-micro up to Rp10M at 3%; micro Rp10-100M and small Rp100-500M at 6-9% a year",
  asOf: "2023",
} as const;

/** Factory sharing (rumah produksi bersama): shared equipment run by a koperasi or sentra. */
export const FACTORY_SHARING = {
  source: "Kemenkop UKM factory sharing (rumah produksi bersama): shared modern equipment run by a koperasi; 5 pilots in 2022, 6 in 2023 (Republika, 2022)",
  asOf: "2023",
} as const;

/** What one request to the supply API may ask for (src/features/supply/supply.service.ts). */
export const SUPPLY_REQUESTS = {
  /**
   * Needs one allocate() call may take. The benchmark (scripts/bench-allocation.ts) solved 20
   * needs x 500 IKMs in 1-2 s at the median and reached the 10 s limit at 50 x 1,000: at 50 the
   * answer still comes within the limit, though groups of needs left unsolved then carry greedy's
   * answer (Allocation.unsolvedGroups says how many).
   */
  maxNeedsPerAllocation: 50,
  /**
   * Eligible IKMs per need read from the match index, best match total first, for consortia and
   * allocation: the proposals' members and allocation's ALLOCATION.candidatesPerNeed come from
   * these. Their profiles are read from PostgreSQL at about 0.15 ms each (scripts/bench-supply.ts:
   * 500 in ~90 ms, 2,000 in ~300 ms, and a 20-need allocation reads up to 20 times that), so the
   * cap bounds a request's cost. A koperasi of 200 members fits; for a need thousands qualify for
   * (a common process in the benchmark population), members of a cluster that rank below the best
   * 500 are not proposed.
   */
  candidatesPerNeed: 500,
  /** Machine prices one gap-paths request may give (one per process is enough). */
  maxMachinePrices: 30,
} as const;
