/** The koperasi area's navigation (members and needs, responses) above its screen. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { linkTo } from "../../router";
import "./koperasi.css";

const SECTIONS = [
  { path: "/", key: "home" },
  { path: "/responses", key: "responses" },
] as const;

export function Frame({ current, children }: { current: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <nav className="koperasi-nav" aria-label={t("koperasi.nav.label")}>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.path}>
              <a {...linkTo(s.path)} aria-current={s.path === current ? "page" : undefined}>{t(`koperasi.nav.${s.key}`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </>
  );
}
