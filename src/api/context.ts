import type { Logger } from "pino";
import type { Database } from "../infra/db/repositories/index.js";
import type { Services } from "../features/index.js";
import type { Viewer } from "../access/viewer.js";
import { type Loaders, createLoaders } from "./loaders.js";

export interface Context {
  viewer: Viewer;
  services: Services;
  loaders: Loaders;
  /** Replaces the loaders: each subscription event starts with empty caches. */
  refreshLoaders: () => void;
  requestId: string;
  /** The client's address key (src/http/rate-limit.ts), for limits that depend on the operation. */
  address: string | null;
  log: Logger;
}

export interface ContextDeps {
  db: Database;
  services: Services;
  log: Logger;
}

export function createContext(deps: ContextDeps, viewer: Viewer, requestId: string, address: string | null = null): Context {
  const context: Context = {
    viewer,
    services: deps.services,
    loaders: createLoaders(deps.db, deps.services, viewer),
    refreshLoaders: () => {
      context.loaders = createLoaders(deps.db, deps.services, viewer);
    },
    requestId,
    address,
    log: deps.log.child({ requestId }),
  };
  return context;
}
