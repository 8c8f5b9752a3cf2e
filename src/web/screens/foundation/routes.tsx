/** The foundation's screens by path. Owned by the foundation area: add a path here, not in App.tsx. */
import { FoundationDashboard } from "./Dashboard";

/** The screen for a path, or null when the path is not the foundation's. */
export function foundationScreen(path: string) {
  if (path === "/" || path === "/dashboard") return <FoundationDashboard />;
  return null;
}
