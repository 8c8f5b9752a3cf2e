import type { PrismaClient } from "../generated/prisma/client.js";
import type { PubSub } from "../pubsub/index.js";
import { AuthService } from "./auth.service.js";
import { ClusterService } from "./cluster.service.js";
import { FirmService } from "./firm.service.js";
import { IkmService } from "./ikm.service.js";
import { NeedService } from "./need.service.js";

export interface Services {
  auth: AuthService;
  firms: FirmService;
  needs: NeedService;
  ikms: IkmService;
  clusters: ClusterService;
}

export function createServices(db: PrismaClient, pubsub: PubSub, jwt: { secret: Uint8Array; ttl: string }): Services {
  const auth = new AuthService(db, jwt.secret, jwt.ttl);
  const ikms = new IkmService(db, auth);
  return {
    auth,
    firms: new FirmService(db, auth),
    needs: new NeedService(db, pubsub),
    ikms,
    clusters: new ClusterService(db, ikms),
  };
}
