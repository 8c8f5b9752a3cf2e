/** The buyer's (firm's) screens by path. Owned by the buyer area: add a path here, not in App.tsx. */
import type { ReactNode } from "react";
import { Allocate } from "./allocate/Allocate";
import { BuyerNav } from "./BuyerNav";
import { EditNeed, NewNeed } from "./editor/NeedEditor";
import { NeedDetail } from "./NeedDetail";
import { NeedsList } from "./NeedsList";
import { Partnerships } from "./partnerships/Partnerships";

function screenFor(path: string): ReactNode {
  if (path === "/needs/new") return <NewNeed />;
  const edit = /^\/needs\/([^/]+)\/edit$/.exec(path);
  if (edit) return <EditNeed id={decodeURIComponent(edit[1])} />;
  const need = /^\/needs\/([^/]+)$/.exec(path);
  if (need) return <NeedDetail id={decodeURIComponent(need[1])} />;
  if (path === "/" || path === "/needs") return <NeedsList />;
  if (path === "/allocate") return <Allocate />;
  if (path === "/partnerships") return <Partnerships />;
  return null;
}

/** The screen for a path under the buyer area's links, or null when the path is not the buyer's. */
export function buyerScreen(path: string) {
  const screen = screenFor(path);
  if (!screen) return null;
  return (
    <>
      <BuyerNav />
      {screen}
    </>
  );
}
