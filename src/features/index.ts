import type { Database } from "../infra/db/repositories/index.js";
import type { Logger } from "pino";
import type { EventBus } from "../infra/events/bus.js";
import { AuthService } from "./accounts/auth.service.js";
import { ClusterService } from "./clusters/cluster.service.js";
import { DeliveryService } from "./deliveries/delivery.service.js";
import { FirmService } from "./firms/firm.service.js";
import { IkmService } from "./ikms/ikm.service.js";
import type { MatchIndex } from "../infra/match-index/match-index.js";
import { LapsingService } from "./lapsing/lapsing.service.js";
import { LapseSweep } from "./lapsing/lapse-sweep.js";
import { LiveService } from "./live/live.service.js";
import { MatchService } from "./matching/match.service.js";
import { MaturityService } from "./maturity/maturity.service.js";
import { NeedService } from "./needs/need.service.js";
import { PartnershipService } from "./partnerships/partnership.service.js";
import { ResponseService } from "./responses/response.service.js";
import { SampleService } from "./samples/sample.service.js";
import { ShortlistService } from "./shortlist/shortlist.service.js";
import { AwardService } from "./shortlist/award.service.js";
import { SupplyService } from "./supply/supply.service.js";
import { AllocationRunner } from "../infra/solver/allocation-pool.js";
import { VocabularyService } from "./vocabulary/vocabulary.service.js";

export interface Services {
  auth: AuthService;
  firms: FirmService;
  needs: NeedService;
  ikms: IkmService;
  clusters: ClusterService;
  matching: MatchService;
  maturity: MaturityService;
  live: LiveService;
  supply: SupplyService;
  partnerships: PartnershipService;
  deliveries: DeliveryService;
  responses: ResponseService;
  samples: SampleService;
  shortlist: ShortlistService;
  awards: AwardService;
  vocabulary: VocabularyService;
  lapsing: LapsingService;
  /** Tells IKMs and their foundations of lapsing certificates (issue 22); started with the server. */
  lapseSweep: LapseSweep;
  /** Stops what the services run in the background (the allocation solver's worker thread). */
  close(): Promise<void>;
}

export function createServices(
  db: Database,
  events: EventBus,
  jwt: { secret: Uint8Array; ttl: string },
  matchIndex: MatchIndex,
  log: Logger,
): Services {
  const auth = new AuthService(db, jwt.secret, jwt.ttl);
  const ikms = new IkmService(db, auth);
  const needs = new NeedService(db, events);
  const matching = new MatchService(db, matchIndex, needs, ikms);
  ikms.changes = matching;
  const vocabulary = new VocabularyService(db, events, matching);
  ikms.terms = vocabulary;
  const allocations = new AllocationRunner();
  const lapsing = new LapsingService(db);
  const lapseSweep = new LapseSweep(db, events, lapsing, log);
  ikms.lapses = lapseSweep;
  return {
    auth,
    firms: new FirmService(db, auth),
    needs,
    ikms,
    clusters: new ClusterService(db, ikms),
    matching,
    maturity: new MaturityService(db, events, matching, ikms),
    live: new LiveService(db, events, matchIndex, log),
    supply: new SupplyService(db, matchIndex, needs, matching, allocations),
    partnerships: new PartnershipService(db, ikms),
    deliveries: new DeliveryService(db, ikms, matching),
    responses: new ResponseService(db, events, ikms),
    samples: new SampleService(db, events, ikms),
    shortlist: new ShortlistService(db, events, ikms, matching),
    awards: new AwardService(db, events, ikms),
    vocabulary,
    lapsing,
    lapseSweep,
    close: async () => {
      vocabulary.close();
      await lapseSweep.close();
      await allocations.close();
    },
  };
}
