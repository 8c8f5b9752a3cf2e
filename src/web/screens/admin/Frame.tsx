/** The admin area's navigation (vocabulary, sentra, koperasi, and GraphiQL, a page of its own) above its screen. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AreaFrame } from "../../components/AreaFrame";
import "./admin.css";

const SECTIONS = [
  { path: "/", key: "vocabulary" },
  { path: "/sentra", key: "sentra" },
  { path: "/koperasi", key: "koperasi" },
] as const;

export function Frame({ current, children }: { current: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <AreaFrame
      className="admin-nav"
      label={t("admin.nav.label")}
      sections={SECTIONS.map((s) => ({ path: s.path, label: t(`admin.nav.${s.key}`) }))}
      current={current}
      // GraphiQL is a page of the server's, not a client route: a plain link.
      extra={<li><a href="/graphql">{t("app.graphiql")}</a></li>}
    >
      {children}
    </AreaFrame>
  );
}
