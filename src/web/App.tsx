/** The console's frame: header (who, language, sign-out, live state), then the screen for the path and role. */
import { type ReactNode, Suspense, lazy, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Provider } from "urql";
import { type Api, createApi } from "./client";
import { LANGUAGES, setLanguage } from "./i18n";
import { linkTo, navigate, usePath } from "./router";
import { buyerScreen } from "./screens/buyer/routes";
import { foundationScreen } from "./screens/foundation/routes";
import { koperasiScreen } from "./screens/koperasi/routes";
import { SignIn } from "./screens/SignIn";
import { supplierScreen } from "./screens/supplier/routes";
import { type Session, setSession, useSession } from "./session";

function useApi(token: string | null): { api: Api; live: boolean } {
  const api = useMemo(() => createApi(token), [token]);
  const [live, setLive] = useState(false);
  useEffect(() => {
    const off = api.onLive(setLive);
    return () => {
      off();
      api.dispose();
    };
  }, [api]);
  return { api, live };
}

function Header({ session, live }: { session: Session | null; live: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <header className="topbar">
      <a className="brand" {...linkTo("/")}>{t("app.name")}</a>
      <div className="bar-tools">
        <span className="language">
          <label htmlFor="language">{t("app.language")}</label>
          <select id="language" value={i18n.language} onChange={(e) => setLanguage(e.target.value as "id" | "en")} data-testid="language">
            {LANGUAGES.map((l) => <option key={l} value={l}>{l === "id" ? "Bahasa Indonesia" : "English"}</option>)}
          </select>
        </span>
        {session && (
          <>
            {live && <span className="live" data-live="on">{t("app.live")}</span>}
            <span className="who">{t("app.signedInAs", { name: session.name })} · {t(`roles.${session.role}`)}</span>
            <button type="button" onClick={() => { setSession(null); navigate("/"); }}>{t("app.signOut")}</button>
          </>
        )}
      </div>
    </header>
  );
}

/** The admin area is loaded only when an administrator signs in: the other roles never download it. */
const AdminArea = lazy(() => import("./screens/admin/routes"));

function Loading() {
  const { t } = useTranslation();
  return <p>{t("app.loading")}</p>;
}

/** Each role's screens, by path (each area's routes.tsx). */
const SCREENS: Record<Session["role"], (path: string) => ReactNode> = {
  ADMIN: (path) => <Suspense fallback={<Loading />}><AdminArea path={path} /></Suspense>,
  FIRM: buyerScreen,
  IKM: supplierScreen,
  FOUNDATION: foundationScreen,
  KOPERASI: koperasiScreen,
};

function Screen({ session, path }: { session: Session | null; path: string }) {
  const { t } = useTranslation();
  if (!session) return <SignIn />;
  // A session kept from an older console may name a role it no longer knows: "page not found" then.
  return SCREENS[session.role]?.(path) ?? <p>{t("app.notFound")}</p>;
}

export function App() {
  const session = useSession();
  const path = usePath();
  const { t } = useTranslation();
  const { api, live } = useApi(session?.token ?? null);
  return (
    <Provider value={api.client}>
      <a className="skip" href="#main">{t("app.skip")}</a>
      <Header session={session} live={live} />
      <main id="main">
        <Screen session={session} path={path} />
      </main>
    </Provider>
  );
}
