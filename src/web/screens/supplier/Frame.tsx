/** The IKM area's navigation (opportunities, profile, partnerships) above its screen. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AreaFrame } from "../../components/AreaFrame";
import "./supplier.css";

const SECTIONS = [
  { path: "/", key: "opportunities" },
  { path: "/profile", key: "profile" },
  { path: "/partnerships", key: "partnerships" },
] as const;

export function Frame({ current, children }: { current: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <AreaFrame
      className="supplier-nav"
      label={t("supplier.nav.label")}
      sections={SECTIONS.map((s) => ({ path: s.path, label: t(`supplier.nav.${s.key}`) }))}
      current={current}
    >
      {children}
    </AreaFrame>
  );
}
