import type { PrismaClient } from "../generated/prisma/client.js";
import type { Logger } from "pino";
import type { EventBus } from "../pubsub/index.js";
import { AuthService } from "./auth.service.js";
import { ClusterService } from "./cluster.service.js";
import { FirmService } from "./firm.service.js";
import { IkmService } from "./ikm.service.js";
import type { MatchIndex } from "./match-index.js";
import { LiveService } from "./live.service.js";
import { MatchService } from "./match.service.js";
import { MaturityService } from "./maturity.service.js";
import { NeedService } from "./need.service.js";
import { PartnershipService } from "./partnership.service.js";
import { SupplyService } from "./supply.service.js";
import { AllocationRunner } from "../supply/allocation-pool.js";

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
  /** Stops what the services run in the background (the allocation solver's worker thread). */
  close(): Promise<void>;
}

export function createServices(
  db: PrismaClient,
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
  const allocations = new AllocationRunner();
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
    close: () => allocations.close(),
  };
}
