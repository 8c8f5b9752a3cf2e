/** The IKM area's navigation (opportunities, profile, partnerships) above its screen. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { linkTo } from "../../router";
import "./supplier.css";

const SECTIONS = [
  { path: "/", key: "opportunities" },
  { path: "/profile", key: "profile" },
  { path: "/partnerships", key: "partnerships" },
] as const;

export function Frame({ current, children }: { current: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <nav className="supplier-nav" aria-label={t("supplier.nav.label")}>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.path}>
              <a {...linkTo(s.path)} aria-current={s.path === current ? "page" : undefined}>{t(`supplier.nav.${s.key}`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </>
  );
}
