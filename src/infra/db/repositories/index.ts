/**
 * The repositories: the only code that speaks to the database through the ORM. A use case gets a
 * Database; it reads and writes through `db.repos.<area>`, or opens a transaction with
 * `db.transaction((repos) => ...)`, in which every repository works on the transaction's client.
 */
import type pg from "pg";
import type { PrismaClient } from "../../../generated/prisma/client.js";
import type { PipelinedLanes } from "../pipelined-lanes.js";
import type { SqlReader } from "../sql-reader.js";
import type { Client } from "./client.js";
import { AccountRepository } from "./accounts.repository.js";
import { ClusterRepository } from "./clusters.repository.js";
import { DeliveryRepository } from "./deliveries.repository.js";
import { FirmRepository } from "./firms.repository.js";
import { HealthRepository } from "./health.repository.js";
import { IkmRepository } from "./ikms.repository.js";
import { LapsingRepository } from "./lapsing.repository.js";
import { LiveRepository } from "./live.repository.js";
import { LoaderRepository } from "./loaders.repository.js";
import { MatchingRepository } from "./matching.repository.js";
import { MaturityRepository } from "./maturity.repository.js";
import { NeedRepository } from "./needs.repository.js";
import { PartnershipRepository } from "./partnerships.repository.js";
import { ResponseRepository } from "./responses.repository.js";
import { SampleRepository } from "./sample.repository.js";
import { ShortlistRepository } from "./shortlist.repository.js";
import { SupplyRepository } from "./supply.repository.js";
import { VocabularyRepository } from "./vocabulary.repository.js";

export type { Client } from "./client.js";

export class Repositories {
  readonly accounts: AccountRepository;
  readonly firms: FirmRepository;
  readonly clusters: ClusterRepository;
  readonly ikms: IkmRepository;
  readonly partnerships: PartnershipRepository;
  readonly needs: NeedRepository;
  readonly maturity: MaturityRepository;
  readonly matching: MatchingRepository;
  readonly supply: SupplyRepository;
  readonly live: LiveRepository;
  readonly loaders: LoaderRepository;
  readonly health: HealthRepository;
  readonly deliveries: DeliveryRepository;
  readonly responses: ResponseRepository;
  readonly samples: SampleRepository;
  readonly shortlist: ShortlistRepository;
  readonly vocabulary: VocabularyRepository;
  readonly lapsing: LapsingRepository;

  /** `sql`: the hot reads' prepared statements (loaders, accounts, the firm and IKM lists), outside a transaction only. */
  constructor(client: Client, sql: SqlReader | null = null) {
    this.accounts = new AccountRepository(client, sql);
    this.firms = new FirmRepository(client, sql);
    this.clusters = new ClusterRepository(client);
    this.ikms = new IkmRepository(client, sql);
    this.partnerships = new PartnershipRepository(client);
    this.needs = new NeedRepository(client, sql);
    this.maturity = new MaturityRepository(client);
    this.matching = new MatchingRepository(client, sql);
    this.supply = new SupplyRepository(client);
    this.live = new LiveRepository(client);
    this.loaders = new LoaderRepository(client, sql);
    this.health = new HealthRepository(client);
    this.deliveries = new DeliveryRepository(client);
    this.responses = new ResponseRepository(client);
    this.samples = new SampleRepository(client);
    this.shortlist = new ShortlistRepository(client);
    this.vocabulary = new VocabularyRepository(client);
    this.lapsing = new LapsingRepository(client);
  }
}

/** Prisma's interactive-transaction options, by name. */
export interface TransactionOptions {
  isolationLevel?: "ReadCommitted" | "RepeatableRead" | "Serializable";
  maxWait?: number;
  timeout?: number;
}

export class Database {
  readonly repos: Repositories;

  /**
   * `pool`: the pg pool under the client (for the pool metrics), when the caller made it; `sql`:
   * the hot reads as prepared statements on that pool (sql-reader.ts), Prisma's otherwise; `lanes`:
   * the pipelined connections of the short reads (for the metrics too).
   */
  constructor(
    readonly prisma: PrismaClient,
    readonly pool?: pg.Pool,
    sql: SqlReader | null = null,
    readonly lanes: PipelinedLanes | null = null,
  ) {
    this.repos = new Repositories(prisma, sql);
  }

  /** Runs `work` in one transaction: all of it commits, or none of it. */
  transaction<T>(work: (repos: Repositories) => Promise<T>, options?: TransactionOptions): Promise<T> {
    return this.prisma.$transaction((tx) => work(new Repositories(tx)), options);
  }
}
