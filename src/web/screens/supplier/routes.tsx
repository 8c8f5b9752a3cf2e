/** The IKM's screens by path. Owned by the supplier area: add a path here, not in App.tsx. */
import { Frame } from "./Frame";
import { Opportunities } from "./Opportunities";
import { Partnerships } from "./partnerships/Partnerships";
import { Profile } from "./profile/Profile";
import { Respond } from "./respond/Respond";

/** The screen for a path, or null when the path is not the IKM's. */
export function supplierScreen(path: string) {
  const respond = /^\/opportunities\/([^/]+)\/respond$/.exec(path);
  if (respond) return <Frame current="/"><Respond needId={decodeURIComponent(respond[1])} /></Frame>;
  if (path === "/" || path === "/opportunities") return <Frame current="/"><Opportunities /></Frame>;
  if (path === "/profile") return <Frame current="/profile"><Profile /></Frame>;
  if (path === "/partnerships") return <Frame current="/partnerships"><Partnerships /></Frame>;
  return null;
}
