/** The buyer area's links: needs, allocation of several needs at once, partnerships; the current one marked. */
import { useTranslation } from "react-i18next";
import { linkTo, usePath } from "../../router";
import "./buyer.css";

const LINKS = [
  { to: "/", key: "needs", current: (p: string) => p === "/" || p.startsWith("/needs") },
  { to: "/allocate", key: "allocate", current: (p: string) => p === "/allocate" },
  { to: "/partnerships", key: "partnerships", current: (p: string) => p === "/partnerships" },
] as const;

export function BuyerNav() {
  const { t } = useTranslation();
  const path = usePath();
  return (
    <nav className="bs-nav" aria-label={t("buyer.nav.label")}>
      <ul>
        {LINKS.map((l) => (
          <li key={l.key}><a {...linkTo(l.to)} aria-current={l.current(path) ? "page" : undefined}>{t(`buyer.nav.${l.key}`)}</a></li>
        ))}
      </ul>
    </nav>
  );
}
