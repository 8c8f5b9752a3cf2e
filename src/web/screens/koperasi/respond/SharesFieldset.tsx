/**
 * The consortium's members and their monthly shares: one field per member of the koperasi, those in
 * Jalin's proposal first (with their free capacity as the API counts it), then the members nothing
 * in their profile keeps out (with their stated capacity); a blank share leaves the member out. The
 * others (who lack a process, the stage or a certificate the need asks for) are folded away unless
 * one of them has a share.
 */
import { useTranslation } from "react-i18next";
import { useFormat } from "../../../format";
import type { Member, Need, Proposal } from "../queries";
import { type Shortfall, capacityFor, shortfalls } from "../shortfalls";
import { Field } from "./Field";
import { wholeNumber } from "./form";

interface Props {
  need: Need;
  proposal: Proposal | null;
  /** Members in Jalin's proposal, in its order. */
  proposed: readonly Member[];
  /** Members outside it whose profile shows nothing that keeps them out. */
  able: readonly Member[];
  others: readonly Member[];
  shares: Record<string, string>;
  /** The complaint about each member's share, by IKM id. */
  invalid: Record<string, string>;
  /** The complaint about the members as a whole (too few, too many). */
  error?: string;
  onChange: (ikmId: string, value: string) => void;
}

function useShortfallWords() {
  const { t } = useTranslation();
  return (s: Shortfall) =>
    s.kind === "processes" ? t("koperasi.shortfall.processes", { processes: s.processes.map((p) => t(`processes.${p}`)).join(", ") })
      : s.kind === "stage" ? t("koperasi.shortfall.stage")
      : t("koperasi.shortfall.certificates", { certificates: s.certificates.map((c) => t(`certifications.${c}`)).join(", ") });
}

export function SharesFieldset({ need, proposal, proposed, able, others, shares, invalid, error, onChange }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const why = useShortfallWords();
  const unit = t(`units.${need.unit}`);
  const sum = Object.values(shares).reduce((total, text) => total + (wholeNumber(text) ?? 0), 0);
  const field = (m: Member, i: number, hint: string) => (
    <Field key={m.id} id={`share-${i}`} label={t("koperasi.respond.share", { name: m.legalName, unit })} value={shares[m.id] ?? ""} inputMode="numeric"
      hint={hint} error={invalid[m.id]} onChange={(v) => onChange(m.id, v)} />
  );
  return (
    <fieldset className="shares" aria-describedby={error ? "shares-error" : "shares-hint"}>
      <legend>{t("koperasi.respond.members")}</legend>
      <p id="shares-hint" className="meta">{t("koperasi.respond.sharesHint")}</p>
      {error && <p id="shares-error" className="error">{t("koperasi.respond.fieldError", { message: error })}</p>}
      {proposed.map((m, i) => {
        const free = proposal?.members.find((p) => p.ikm.id === m.id)?.freeCapacity ?? 0;
        return field(m, i, `${t(`stages.${m.currentStage}`)} · ${t("koperasi.respond.inProposal", { capacity: f.number(free), unit })}`);
      })}
      {able.map((m, i) => field(m, proposed.length + i, `${t(`stages.${m.currentStage}`)} · ${t("koperasi.respond.notInProposal", { capacity: f.number(capacityFor(m, need)), unit })}`))}
      {others.length > 0 && (
        <details open={others.some((m) => (shares[m.id] ?? "").trim() !== "")}>
          <summary>{t("koperasi.respond.others", { count: others.length })}</summary>
          {others.map((m, i) => field(m, proposed.length + able.length + i, `${t(`stages.${m.currentStage}`)} · ${shortfalls(m, need).map(why).join("; ")}`))}
        </details>
      )}
      <p className="covered" data-testid="shares-total">{t("koperasi.split.covered", { covered: f.number(sum), quantity: f.number(need.quantityPerMonth), unit })}</p>
    </fieldset>
  );
}
