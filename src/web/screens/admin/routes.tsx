/**
 * The administrator's screens by path, loaded on demand (App.tsx imports this file lazily, so the
 * other roles never download it). Owned by the admin area: add a path here, not in App.tsx.
 */
import { useTranslation } from "react-i18next";
import { Koperasis } from "./clusters/Koperasis";
import { Sentras } from "./clusters/Sentras";
import { Frame } from "./Frame";
import { Vocabulary } from "./vocabulary/Vocabulary";

/** The screen for a path, or null when the path is not the administrator's. */
export function adminScreen(path: string) {
  if (path === "/" || path === "/vocabulary") return <Frame current="/"><Vocabulary /></Frame>;
  if (path === "/sentra") return <Frame current="/sentra"><Sentras /></Frame>;
  if (path === "/koperasi") return <Frame current="/koperasi"><Koperasis /></Frame>;
  return null;
}

/** The admin area for App.tsx's lazy route: the screen for the path, or "page not found". */
export default function AdminArea({ path }: { path: string }) {
  const { t } = useTranslation();
  return adminScreen(path) ?? <p>{t("app.notFound")}</p>;
}
