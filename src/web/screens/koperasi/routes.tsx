/** The koperasi manager's screens by path. Owned by the koperasi area: add a path here, not in App.tsx. */
import { Frame } from "./Frame";
import { Home } from "./Home";
import { Respond } from "./respond/Respond";
import { Responses } from "./responses/Responses";

/** The screen for a path, or null when the path is not the koperasi's. */
export function koperasiScreen(path: string) {
  const respond = /^\/needs\/([^/]+)\/respond$/.exec(path);
  if (respond) return <Frame current="/"><Respond needId={decodeURIComponent(respond[1])} /></Frame>;
  if (path === "/") return <Frame current="/"><Home /></Frame>;
  if (path === "/responses") return <Frame current="/responses"><Responses /></Frame>;
  return null;
}
