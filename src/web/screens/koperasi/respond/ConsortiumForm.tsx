/**
 * A consortium's quotation: the members and their monthly shares (prefilled from Jalin's proposal,
 * or from the live response when there is one), unit price in Rupiah, lead time and the last day the
 * price holds. The first answer is submitResponse as the koperasi; with a live response the form
 * revises it (reviseResponse with its version); a withdrawn one is sent again (submitResponse, which
 * revives it) starting from its old terms. The API's refusal is shown in words, each field it
 * names by its label (a member's share by the member's name) and marked invalid.
 */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { errorText, fieldErrors } from "../../../errors";
import { useFormat } from "../../../format";
import type { KoperasiResponse, Member, Need, Proposal } from "../queries";
import { shortfalls } from "../shortfalls";
import { Field } from "./Field";
import { type Draft, type SentMember, initialDraft, memberOfPath, sharesOf, termsOf, wholeNumber } from "./form";
import { ReviseConsortium, SubmitConsortium } from "./queries";
import { SharesFieldset } from "./SharesFieldset";

/** The form's label of each term the API may name. */
const LABELS: Record<string, string> = {
  "input.unitPriceIdr": "koperasi.respond.price", "input.leadTimeDays": "koperasi.respond.lead", "input.validUntil": "koperasi.respond.validUntil",
  "input.notes": "koperasi.respond.notes", "input.quantityPerMonth": "koperasi.respond.total", "input.members": "koperasi.respond.members",
};

interface Props {
  need: Need;
  members: readonly Member[];
  /** Jalin's proposal from the koperasi's members; null when it makes none. */
  proposal: Proposal | null;
  /** The live response the form revises; null when it sends one (a first one, or again after a withdrawal). */
  live: KoperasiResponse | null;
  /** The response on record, live or withdrawn: the form starts from its terms. */
  previous: KoperasiResponse | null;
  onSent: (response: KoperasiResponse, revised: boolean) => void;
}

/** The members in Jalin's proposal (in its order), the others nothing in their profile keeps out, and those it does. */
function groups(members: readonly Member[], need: Need, proposal: Proposal | null) {
  const proposed = (proposal?.members ?? []).map((p) => members.find((m) => m.id === p.ikm.id)).filter((m): m is Member => m !== undefined);
  const rest = members.filter((m) => !proposed.includes(m));
  return { proposed, able: rest.filter((m) => shortfalls(m, need).length === 0), others: rest.filter((m) => shortfalls(m, need).length > 0) };
}

export function ConsortiumForm({ need, members, proposal, live, previous, onSent }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const { proposed, able, others } = groups(members, need, proposal);
  const [draft, setDraft] = useState<Draft>(() => initialDraft(proposal, previous));
  const [sent, setSent] = useState<SentMember[]>([]);
  const [problem, setProblem] = useState<{ text: string; ikmId: string } | null>(null);
  const [submitted, submit] = useMutation(SubmitConsortium);
  const [revised, revise] = useMutation(ReviseConsortium);
  const result = live ? revised : submitted;
  const invalid = problem ? {} : fieldErrors(result.error);
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const price = wholeNumber(draft.price);
  const fieldName = (path: string) => {
    const member = memberOfPath(path, sent);
    if (member) return path.endsWith(".ikmId") ? member.legalName : t("koperasi.respond.share", { name: member.legalName, unit: t(`units.${need.unit}`) });
    return LABELS[path] ? t(LABELS[path]) : undefined;
  };
  const memberInvalid: Record<string, string> = problem ? { [problem.ikmId]: problem.text } : {};
  for (const [path, message] of Object.entries(invalid)) {
    const member = memberOfPath(path, sent);
    if (member) memberInvalid[member.ikmId] = message;
  }

  async function send(event: FormEvent) {
    event.preventDefault();
    const shares = sharesOf(draft, [...proposed, ...able, ...others]);
    if (shares.bad) {
      setProblem({ text: t("koperasi.respond.shareNotNumber", { name: shares.bad.legalName }), ikmId: shares.bad.id });
      return;
    }
    setProblem(null);
    setSent(shares.sent);
    const input = termsOf(draft, shares.sent);
    if (live) {
      const answer = await revise({ id: live.id, expectedVersion: live.version, input });
      if (answer.data) onSent(answer.data.reviseResponse, true);
    } else {
      const answer = await submit({ input: { needId: need.id, ...input } });
      if (answer.data) onSent(answer.data.submitResponse, false);
    }
  }

  return (
    <form className="card consortium-form" onSubmit={send} noValidate aria-labelledby="consortium-form">
      <h2 id="consortium-form">{live ? t("koperasi.respond.reviseTitle") : previous ? t("koperasi.respond.againTitle") : t("koperasi.respond.formTitle")}</h2>
      <SharesFieldset need={need} proposal={proposal} proposed={proposed} able={able} others={others} shares={draft.shares} invalid={memberInvalid} error={invalid["input.members"]}
        onChange={(ikmId, value) => set({ shares: { ...draft.shares, [ikmId]: value } })} />
      <Field id="price" label={t("koperasi.respond.price")} error={invalid["input.unitPriceIdr"]} value={draft.price} inputMode="numeric"
        hint={price != null && price > 0 ? t("koperasi.respond.pricePreview", { price: f.rupiah(price) }) : t("koperasi.respond.priceHint")}
        onChange={(v) => set({ price: v })} />
      <Field id="lead" label={t("koperasi.respond.lead")} error={invalid["input.leadTimeDays"]} value={draft.lead} inputMode="numeric" onChange={(v) => set({ lead: v })} />
      <Field id="valid-until" label={t("koperasi.respond.validUntil")} error={invalid["input.validUntil"]} value={draft.validUntil} type="date" onChange={(v) => set({ validUntil: v })} />
      <label htmlFor="notes">{t("koperasi.respond.notes")}</label>
      <textarea id="notes" rows={3} value={draft.notes} onChange={(e) => set({ notes: e.target.value })} />
      {problem && <p role="alert" className="error" data-testid="respond-error">{problem.text}</p>}
      {!problem && result.error && <p role="alert" className="error" data-testid="respond-error">{errorText(result.error, t, fieldName)}</p>}
      <button type="submit" disabled={result.fetching}>{result.fetching ? t("koperasi.sending") : live ? t("koperasi.respond.revise") : previous ? t("koperasi.respond.sendAgain") : t("koperasi.respond.send")}</button>
    </form>
  );
}
