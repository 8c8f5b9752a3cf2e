/** Sign in with email and password (`login`); the demo accounts of the README are listed to pick from. */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { errorText } from "../errors";
import { graphql } from "../graphql";
import { type Session, setSession } from "../session";

const SignInMutation = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    login(email: $email, password: $password) { token user { id name role } }
  }
`);

/** README, "Two commands": the demo users `npm start` loads. */
const DEMO_ACCOUNTS = [
  { email: "sourcing@presisi-komponen.demo", role: "FIRM" },
  { email: "pendamping@ydba-soloraya.demo", role: "FOUNDATION" },
  { email: "pemilik@cor-batur.demo", role: "IKM" },
  { email: "pengurus@batur-jaya.demo", role: "KOPERASI" },
] as const;

export function SignIn() {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [result, signIn] = useMutation(SignInMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const answer = await signIn({ email, password });
    const login = answer.data?.login;
    if (login) setSession({ token: login.token, name: login.user.name, role: login.user.role as Session["role"] });
  }

  return (
    <section className="card narrow" aria-labelledby="sign-in">
      <h1 id="sign-in">{t("signIn.title")}</h1>
      <form onSubmit={submit}>
        <label>{t("signIn.email")}<input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} /></label>
        <label>{t("signIn.password")}<input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} /></label>
        {result.error && <p role="alert" className="error">{errorText(result.error, t)}</p>}
        <button type="submit" disabled={result.fetching}>{result.fetching ? t("signIn.busy") : t("signIn.submit")}</button>
      </form>
      <p>{t("signIn.demo")}</p>
      <ul className="demo">
        {DEMO_ACCOUNTS.map((a) => (
          <li key={a.email}>
            <button type="button" className="link" onClick={() => { setEmail(a.email); setPassword("jalin-demo-2026"); }}>
              {a.email}
            </button> ({t(`roles.${a.role}`)})
          </li>
        ))}
      </ul>
    </section>
  );
}
