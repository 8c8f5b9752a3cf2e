/**
 * The sentra (industry clusters) and koperasi the IKM belongs to: each can be left (after a
 * confirmation), and others joined from a list of those near it (ClusterPicker). Membership counts
 * in matching (a sentra's or koperasi's shared facility can close a gap), so the page reads the
 * profile again after each change and says what changed.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { ConfirmAction } from "../../../components/ConfirmAction";
import { Outcome } from "../Outcome";
import { type ClusterKind, ClusterPicker } from "./ClusterPicker";
import { type Ikm, JoinKoperasi, JoinSentra, LeaveKoperasi, LeaveSentra } from "./queries";

interface Member { id: string; name: string; details: string }

function Memberships({ kind, members, busy, onLeave }: { kind: ClusterKind; members: Member[]; busy: boolean; onLeave: (m: Member) => Promise<boolean> }) {
  const { t } = useTranslation();
  if (!members.length) return <p>{t(kind === "sentra" ? "supplier.clusters.noSentra" : "supplier.clusters.noKoperasi")}</p>;
  return (
    <ul className="list memberships">
      {members.map((m) => (
        <li key={m.id} className="card membership" data-cluster={m.name}>
          <p><strong>{m.name}</strong>{m.details}</p>
          <ConfirmAction action={t("supplier.clusters.leave.action")} actionLabel={t("supplier.clusters.leave.actionLabel", { name: m.name })}
            question={t(`supplier.clusters.leave.question.${kind}`, { name: m.name })} confirm={t("supplier.clusters.leave.confirm")}
            cancel={t("supplier.clusters.leave.cancel")} busy={busy} onConfirm={() => onLeave(m)} />
        </li>
      ))}
    </ul>
  );
}

export function Clusters({ ikm, onChanged }: { ikm: Ikm; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const [joinedSentra, joinSentra] = useMutation(JoinSentra);
  const [leftSentra, leaveSentra] = useMutation(LeaveSentra);
  const [joinedKoperasi, joinKoperasi] = useMutation(JoinKoperasi);
  const [leftKoperasi, leaveKoperasi] = useMutation(LeaveKoperasi);
  const [status, setStatus] = useState("");
  const [last, setLast] = useState<"joinSentra" | "leaveSentra" | "joinKoperasi" | "leaveKoperasi" | null>(null);
  const results = { joinSentra: joinedSentra, leaveSentra: leftSentra, joinKoperasi: joinedKoperasi, leaveKoperasi: leftKoperasi };
  const busy = Object.values(results).some((r) => r.fetching);
  const run = async (which: keyof typeof results, clusterId: string, name: string, done: "joined" | "left") => {
    setStatus("");
    setLast(which);
    const act = { joinSentra, leaveSentra, joinKoperasi, leaveKoperasi }[which];
    const answer = await act({ ikmId: ikm.id, id: clusterId });
    if (answer.error) return false;
    setStatus(t(`supplier.clusters.${done}`, { name, time: new Date().toLocaleTimeString(i18n.language) }));
    onChanged();
    return true;
  };
  const members = (count: number) => ` · ${t("supplier.clusters.members", { count })}`;
  const sentras = ikm.sentras.map((s) => ({ id: s.id, name: s.name, details: ` · ${s.product}${s.regionName ? ` · ${s.regionName}` : ""}${members(s.memberCount)}` }));
  const koperasis = ikm.koperasis.map((k) => ({
    id: k.id, name: k.name,
    details: `${k.regionName ? ` · ${k.regionName}` : ""}${members(k.memberCount)}${k.offtaker ? ` · ${t("supplier.clusters.offtaker")}` : ""}${k.sharedFacility ? ` · ${t("supplier.clusters.sharedFacility")}` : ""}`,
  }));
  return (
    <section aria-labelledby="clusters" className="clusters">
      <h2 id="clusters">{t("supplier.clusters.title")}</h2>
      <Outcome error={last ? results[last].error : undefined} status={status} testId="clusters" />
      <h3>{t("supplier.clusters.sentras")}</h3>
      <Memberships kind="sentra" members={sentras} busy={busy} onLeave={(m) => run("leaveSentra", m.id, m.name, "left")} />
      <ClusterPicker kind="sentra" ikm={ikm} busy={busy} onJoin={(c) => run("joinSentra", c.id, c.name, "joined")} />
      <h3>{t("supplier.clusters.koperasis")}</h3>
      <Memberships kind="koperasi" members={koperasis} busy={busy} onLeave={(m) => run("leaveKoperasi", m.id, m.name, "left")} />
      <ClusterPicker kind="koperasi" ikm={ikm} busy={busy} onJoin={(c) => run("joinKoperasi", c.id, c.name, "joined")} />
    </section>
  );
}
