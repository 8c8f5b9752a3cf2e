/** Limits that protect the service and its users; one place, so they are easy to find and change. */
export const LIMITS = {
  /** Largest page a connection returns; larger `first` values are refused, not silently cut. */
  maxPageSize: 100,
  defaultPageSize: 20,
  /** Needs a firm may list per nested `Firm.needs` read. */
  maxNestedNeeds: 50,
  maxCapabilitiesPerIkm: 30,
  maxMachinesPerIkm: 200,
  maxTextLength: 4000,
  maxNameLength: 200,
  minPasswordLength: 10,
  /** Words one processTerms query may look up. */
  maxTermsPerLookup: 50,
} as const;

/**
 * Years a Date or DateTime input may name. Every date Jalin keeps (a need's start, a certificate's
 * validity, an assessment, a partnership) lies within a working lifetime of today; a year such as
 * 0000 or 9999 is a typing mistake, and PostgreSQL's own range (4713 BC to AD 5874897) would
 * refuse some of them only after the request reached it.
 */
export const DATE_RANGE = { minYear: 1900, maxYear: 2200 } as const;

/** The in-memory match index (src/infra/match-index/match-index.ts). */
export const MATCH_INDEX = {
  /** Worker threads that scan; these machines have 2 cores (the benchmarks in README, Performance). */
  maxWorkers: 2,
  /** IKMs read per cursor FETCH while loading. */
  loadBatch: 20_000,
  /** Notifications arriving within this window are refreshed in one query. */
  notifyDebounceMs: 10,
  /** The overlay of changed IKMs is folded back into fresh columns when it outgrows both. */
  overlayMinRebuild: 50_000,
  overlayRebuildShare: 0.05,
  /**
   * The overlay's changed IKMs scored one by one (infra/match-index/overlay.ts) before they are
   * folded into the overlay's own columns (and an eighth of those, so folding costs a constant per
   * change): at the pure scorer's 10-60 µs each, 256 cost a question at most about 15 ms, and mostly
   * far less, since only IKMs working one of the need's processes are scored (2026-12-06).
   */
  overlayRecentMax: 256,
  /** Profiles a fold appends between two turns of the event loop: at about 15 µs each, about 8 ms. */
  overlayFoldSlice: 500,
  /** Longest wait between attempts to LISTEN again after the connection dropped. */
  relistenMaxDelayMs: 5_000,
  /** The columns' snapshot file in MATCH_INDEX_SNAPSHOT_DIR (infra/match-index/snapshot.ts): one per directory. */
  snapshotFile: "match-index.snapshot",
  /**
   * Most IKMs changed since a snapshot that a start catches up (re-read through the overlay, at
   * roughly 2,000 a second) before a full load is the cheaper way: the overlay would also be folded
   * into a rebuild at overlayMinRebuild anyway.
   */
  snapshotMaxCatchUp: 50_000,
  /**
   * Rankings and counts remembered (infra/match-index/answers.ts; MATCH_INDEX_REMEMBERED_ANSWERS
   * overrides, 0 turns it off). Each is a key of a few hundred bytes and at most a page of ids: 2,000
   * stay under about 5 MB. A need asked for again skips its scan, at 1M IKMs about 1 ms of a
   * worker's CPU (README, Performance, 2026-12-06).
   */
  rememberedAnswers: 2_000,
  /**
   * Supplier profiles remembered for explanations (infra/match-index/profiles.ts;
   * MATCH_INDEX_REMEMBERED_PROFILES overrides, 0 turns it off), each forgotten when the index applies
   * a change to its IKM: the 20 of a page for 500 needs. A profile of the synthetic population (1.3
   * capabilities on average) holds about 1 KB of heap, so 10,000 take about 10 MB (5,000 read from
   * the 1M bench population, 2026-12-06); a page asked again skips its profile read, about 1.4 ms of
   * PostgreSQL's time at 1M IKMs, and its parsing on the main thread. As many whole `Ikm` rows are
   * remembered beside them, forgotten the same way, for the suppliers a page names (`Match.ikm`):
   * about 1.3 KB of heap each, so 10,000 take about 13 MB more (10,000 rows of the 1M bench
   * population read through the loaders' statement, heap after GC, 2026-12-06; profiles measured
   * 0.98 KB each in the same run).
   */
  rememberedProfiles: 10_000,
  /**
   * Explained matches remembered (features/matching/explanations.ts), each given again only for the
   * same need profile, the same remembered supplier profile and the same vocabulary: the 20 of a page
   * for 100 needs. One holds its factors, requirements and gaps with their texts, a few KB, so 2,000
   * stay under about 10 MB. Scoring and explaining a page's 20 took about 14% of the main thread on
   * the console page at 1M IKMs (2026-12-06).
   */
  rememberedExplanations: 2_000,
  /**
   * Verdicts (total, band, eligible, near miss) remembered for `opportunities`, on the same terms as
   * explanations: an IKM's page scores it against every open need, so 50,000 cover 100 IKMs at 500
   * open needs. Each is a key of about 80 characters and a few numbers, about 200 bytes: about 10 MB.
   */
  rememberedVerdicts: 50_000,
  /**
   * Need profiles kept by row version (features/matching/match.service.ts): 10 times the 503 open
   * needs of the fields benchmark. A profile is a few hundred bytes; `opportunities` made and hashed
   * one per open need per request, about a fifth of its main thread (profile, 2026-12-06).
   */
  rememberedNeedProfiles: 5_000,
  /**
   * Most (changed IKM, remembered answer) pairs one applied change checks (infra/match-index/revise.ts;
   * only pairs where the IKM works one of the need's processes count) before it forgets every answer
   * instead; MATCH_INDEX_ANSWER_REVISION_BUDGET overrides, 0: every change forgets all. Checking runs
   * on the main thread: 2,000 answers against 1 changed IKM took 12-19 ms, against 10 (20,000
   * pairs) 21-35 ms on the 2-core machine, where answering the same 2,000 questions again by scans
   * of 100k IKMs took 8.1-8.6 s (scripts/bench-revise.ts, 2026-12-06). Bigger changes (a bulk import) forget.
   */
  answerRevisionBudget: 20_000,
} as const;

/**
 * What one GraphQL operation may ask for, the same on every transport (HTTP GET and POST, and
 * graphql-ws). Over a limit, the operation is refused before it runs with 400 (HTTP) or an `error`
 * message (WebSocket) coded QUERY_TOO_COMPLEX, naming the limit and what was found.
 *
 * Starting points are graphql-armor's defaults (depth 6, aliases 15, directives 50, tokens 1,000,
 * cost 5,000; https://escape.tech/graphql-armor/docs/) and the OWASP GraphQL cheat sheet; they were
 * raised where Jalin's own legitimate operations need it: an explained match with its factors, the
 * need's firm and the supplier's capabilities reaches depth 9, and graphql-js's own introspection
 * query reaches depth 13 (introspection is exempt from depth and cost, and off in production). Depth
 * counts fields from the operation's first to the leaf.
 */
export const QUERY_LIMITS = {
  maxDepth: 12,
  maxAliases: 20,
  maxDirectives: 20,
  /** Lexical tokens in one document: bounds parsing work before anything else runs. */
  maxTokens: 5000,
  /**
   * Bytes (UTF-8) of one document. Commas and whitespace are not tokens, so maxTokens alone lets a
   * document of megabytes through; 5,000 tokens of ordinary GraphQL (names, punctuation, short
   * strings, indentation) take well under 32 KB.
   */
  maxDocumentBytes: 32 * 1024,
  /**
   * Brackets, braces and parentheses open at once anywhere in a document (a selection set, an input
   * object or list literal, arguments). graphql-js parses them recursively, so a document thousands
   * deep would exhaust the stack. graphql-js's full introspection query opens 10 at most; an
   * operation at maxDepth with an input object a few levels deep stays under 30.
   */
  maxNesting: 64,
  /**
   * Levels of arrays and objects in an operation's variables (the variables object itself not
   * counted). Jalin's inputs nest a few levels (an input's list of capabilities, each with a list
   * of materials); JSON nested thousands deep is refused before anything walks it recursively.
   */
  maxVariableDepth: 16,
  /**
   * Estimated cost: each field costs 1 plus its selection, multiplied by the page it asks for
   * (`first`, or the default page size) or by a list's known length (`listLengths`, else
   * `assumedListLength`). The heaviest operation Jalin's tests send, 20 IKMs with every nested
   * relation down to their koperasi's members, costs about 46,000; a page of 100 IKMs with their
   * capabilities and clusters about 6,000. (GitHub's API allows 500,000 nodes per query.)
   */
  maxCost: 50_000,
  assumedListLength: 10,
  /**
   * Lists without `first` whose length is known to be larger than assumedListLength: their caps
   * above, or, for cluster members, the largest clusters in README, Sources (Ceper's foundries).
   */
  listLengths: {
    "Ikm.machines": LIMITS.maxMachinesPerIkm,
    "Ikm.capabilities": LIMITS.maxCapabilitiesPerIkm,
    "Firm.needs": LIMITS.maxNestedNeeds,
    "Sentra.members": 200,
    "Koperasi.members": 200,
  } as Record<string, number>,
} as const;

/** What one request or message may carry, and how often it may come. */
export const TRANSPORT_LIMITS = {
  /** HTTP request body (JSON); larger bodies get 413. */
  bodyBytes: 100 * 1024,
  /** One graphql-ws message; a larger frame closes the socket with 1009 (message too big). */
  wsMessageBytes: 100 * 1024,
  /** Operations in one HTTP request: batching is off (Apollo's `allowBatchedHttpRequests: false`). */
  batching: false,
  /** How long a new WebSocket may take to send connection_init before it is closed (4408). */
  wsInitTimeoutMs: 3_000,
  /**
   * Operations running at once on one graphql-ws connection; a screen follows a handful of
   * subscriptions, and each holds a queue of up to SUBSCRIBER_BACKLOG events.
   */
  maxOperationsPerConnection: 50,
} as const;

/**
 * Requests per minute, per signed-in user (token subject) and per client address; every HTTP request
 * and every graphql-ws operation counts against both. Over either, HTTP answers 429 with
 * Retry-After and a graphql-ws operation gets an `error` coded RATE_LIMITED with `retryAfter`.
 * A busy buyer's screen makes a few requests a second; 600 a minute per user leaves room for that,
 * and an address gets twice as much because offices share one address behind NAT. Both are
 * configurable (RATE_LIMIT_PER_USER, RATE_LIMIT_PER_ADDRESS; 0 turns a limit off).
 */
export const RATE_LIMITS = {
  perUserPerMinute: 600,
  perAddressPerMinute: 1200,
  /**
   * `login`, `registerFirm` and `registerIkm` a minute per address: each hashes a password with
   * scrypt (tens of milliseconds of a core), and guessing passwords is what this limit slows. An
   * office signing in its staff after a power cut fits. IPv6 addresses count by their /64 network.
   */
  signInPerAddressPerMinute: 20,
} as const;

/**
 * Tokens whose signature was checked, kept so a token's next request skips the HMAC (jose verifies
 * through WebCrypto: about 0.25 ms of the main thread a request in `matches` under load, 2026-12-05).
 * Only verified tokens enter; expiry is checked again on every use; the user's role and tenant are
 * still read from the database per request. 10,000 tokens is a busy day's signed-in users.
 */
export const TOKEN_CACHE = {
  entries: 10_000,
} as const;

/**
 * Estimated costs remembered per parsed document (src/api/limits.ts): walking the operation for its
 * cost was about 4% of the server's main thread a request on `matches` under load (2026-12-05).
 * A document keeps the costs of its last `perDocument` variable sets; variables longer than
 * `maxKeyLength` characters (as JSON) are costed afresh each time rather than kept.
 */
export const COST_CACHE = {
  perDocument: 32,
  maxKeyLength: 1_000,
} as const;

/**
 * Narrowed reads (src/api/projection.ts, issue 17): a nested read that selects few fields of IKMs,
 * capabilities or certifications reads only their columns. Reading every column of the 50 IKMs and
 * their capabilities and certificates was ~20% of the main thread on issue 17's nested read
 * (2026-12-05: 465 -> 586 req/s with the columns it selects). Each distinct column set of a model is
 * one more prepared statement on every pooled connection, and a client chooses its selection: past
 * `maxColumnSetsPerModel` sets a model's new selections read every column (answers are the same).
 */
export const PROJECTION = {
  maxColumnSetsPerModel: 64,
} as const;
