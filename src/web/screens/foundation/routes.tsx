/** The foundation's screens by path. Owned by the foundation area: add a path here, not in App.tsx. */
import { FoundationDashboard } from "./Dashboard";
import { MenteePage } from "./MenteePage";
import { MenteesList } from "./MenteesList";

/** The screen for a path, or null when the path is not the foundation's. */
export function foundationScreen(path: string) {
  const mentee = /^\/mentees\/([^/]+)$/.exec(path);
  if (mentee) return <MenteePage key={mentee[1]} id={decodeURIComponent(mentee[1])} />;
  if (path === "/mentees") return <MenteesList />;
  if (path === "/" || path === "/dashboard") return <FoundationDashboard />;
  return null;
}
