import type { PrismaClient } from "../generated/prisma/client.js";
import type { PubSub } from "../pubsub/index.js";
import { AuthService } from "./auth.service.js";
import { ClusterService } from "./cluster.service.js";
import { FirmService } from "./firm.service.js";
import { IkmService } from "./ikm.service.js";
import type { MatchIndex } from "./match-index.js";
import { MatchService } from "./match.service.js";
import { NeedService } from "./need.service.js";

export interface Services {
  auth: AuthService;
  firms: FirmService;
  needs: NeedService;
  ikms: IkmService;
  clusters: ClusterService;
  matching: MatchService;
}

export function createServices(
  db: PrismaClient,
  pubsub: PubSub,
  jwt: { secret: Uint8Array; ttl: string },
  matchIndex: MatchIndex,
): Services {
  const auth = new AuthService(db, jwt.secret, jwt.ttl);
  const ikms = new IkmService(db, auth);
  const needs = new NeedService(db, pubsub);
  const matching = new MatchService(db, matchIndex, needs, ikms);
  ikms.changes = matching;
  return {
    auth,
    firms: new FirmService(db, auth),
    needs,
    ikms,
    clusters: new ClusterService(db, ikms),
    matching,
  };
}
