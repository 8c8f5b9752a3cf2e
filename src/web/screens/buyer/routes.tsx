/** The buyer's (firm's) screens by path. Owned by the buyer area: add a path here, not in App.tsx. */
import { EditNeed, NewNeed } from "./editor/NeedEditor";
import { NeedDetail } from "./NeedDetail";
import { NeedsList } from "./NeedsList";

/** The screen for a path, or null when the path is not the buyer's. */
export function buyerScreen(path: string) {
  if (path === "/needs/new") return <NewNeed />;
  const edit = /^\/needs\/([^/]+)\/edit$/.exec(path);
  if (edit) return <EditNeed id={decodeURIComponent(edit[1])} />;
  const need = /^\/needs\/([^/]+)$/.exec(path);
  if (need) return <NeedDetail id={decodeURIComponent(need[1])} />;
  if (path === "/" || path === "/needs") return <NeedsList />;
  return null;
}
