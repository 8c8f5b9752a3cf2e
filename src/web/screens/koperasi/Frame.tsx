/** The koperasi area's navigation (members and needs, responses) above its screen. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AreaFrame } from "../../components/AreaFrame";
import "./koperasi.css";

const SECTIONS = [
  { path: "/", key: "home" },
  { path: "/responses", key: "responses" },
] as const;

export function Frame({ current, children }: { current: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <AreaFrame
      className="koperasi-nav"
      label={t("koperasi.nav.label")}
      sections={SECTIONS.map((s) => ({ path: s.path, label: t(`koperasi.nav.${s.key}`) }))}
      current={current}
    >
      {children}
    </AreaFrame>
  );
}
