/** The admin area's navigation (vocabulary, sentra, koperasi, and GraphiQL, a page of its own) above its screen. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { linkTo } from "../../router";
import "./admin.css";

const SECTIONS = [
  { path: "/", key: "vocabulary" },
  { path: "/sentra", key: "sentra" },
  { path: "/koperasi", key: "koperasi" },
] as const;

export function Frame({ current, children }: { current: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <nav className="admin-nav" aria-label={t("admin.nav.label")}>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.path}>
              <a {...linkTo(s.path)} aria-current={s.path === current ? "page" : undefined}>{t(`admin.nav.${s.key}`)}</a>
            </li>
          ))}
          {/* GraphiQL is a page of the server's, not a client route: a plain link. */}
          <li><a href="/graphql">{t("app.graphiql")}</a></li>
        </ul>
      </nav>
      {children}
    </>
  );
}
