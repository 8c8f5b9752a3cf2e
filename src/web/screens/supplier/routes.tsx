/** The IKM's screens by path. Owned by the supplier area: add a path here, not in App.tsx. */
import { Opportunities } from "./Opportunities";

/** The screen for a path, or null when the path is not the IKM's. */
export function supplierScreen(path: string) {
  if (path === "/" || path === "/opportunities") return <Opportunities />;
  return null;
}
