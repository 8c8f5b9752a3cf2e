/**
 * Consortium proposals for a need no single IKM covers: each with its cluster (a koperasi may lead),
 * its members and their shares, what they cover and the coordination cost; the buyer shortlists one
 * as a CONSORTIUM candidate (the members and shares as proposed), or reads why there is none.
 */
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { errorText } from "../../../errors";
import { useFormat } from "../../../format";
import { ShortlistCandidate } from "../shortlist/operations";
import { ConsortiaQuery, type Proposal } from "./operations";
import "../buyer.css";

/** A member set as a key: its IKM ids, sorted. */
export function memberKey(ikmIds: readonly string[]): string {
  return [...ikmIds].sort().join(" ");
}

interface ProposalProps {
  proposal: Proposal;
  needId: string;
  unit: string;
  /** The member sets already on the shortlist (memberKey). */
  onList: Set<string>;
  canShortlist: boolean;
  onDone: () => void;
}

function ShortlistProposal({ proposal, needId, onDone }: Pick<ProposalProps, "proposal" | "needId" | "onDone">) {
  const { t } = useTranslation();
  const [added, add] = useMutation(ShortlistCandidate);
  const koperasiId = proposal.koperasiLed ? proposal.cluster.koperasi?.id : undefined;
  async function click() {
    const members = proposal.members.map((m) => ({ ikmId: m.ikm.id, quantityPerMonth: m.share }));
    const answer = await add({ input: { needId, members, koperasiId } });
    if (!answer.error) onDone();
  }
  return (
    <span className="inline">
      <button type="button" disabled={added.fetching} onClick={() => void click()}
        aria-label={t("buyer.supply.shortlistNamed", { name: proposal.cluster.name })}>{t("buyer.supply.shortlist")}</button>
      {added.error && <span role="alert" className="error">{errorText(added.error, t)}</span>}
    </span>
  );
}

function ProposalCard({ proposal, needId, unit, onList, canShortlist, onDone }: ProposalProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const listed = onList.has(memberKey(proposal.members.map((m) => m.ikm.id)));
  const spread = proposal.coordination.spreadKm;
  return (
    <li className="card bs-proposal" data-cluster={proposal.cluster.name}>
      <h3>{proposal.cluster.name} <span className="status">{t(`buyer.supply.clusterKind.${proposal.cluster.kind}`)}</span></h3>
      <p className="meta">
        {t("buyer.supply.covers", { covered: f.number(proposal.covered), unit: t(`units.${unit}`) })}
        {" · "}{t("buyer.supply.combined", { score: f.number(proposal.combinedScore, 1) })}
        {" · "}{t("buyer.supply.coordination", { cost: f.number(proposal.coordination.cost, 1) })}
        {spread != null && <> · {t("buyer.supply.spread", { km: f.number(spread, 1) })}</>}
      </p>
      <p>{proposal.koperasiLed ? t("buyer.supply.koperasiLed") : t("buyer.supply.eachMember")}</p>
      <div className="bs-scroll" tabIndex={0} role="region" aria-label={t("buyer.supply.membersOf", { name: proposal.cluster.name })}>
        <table className="bs-table">
          <caption>{t("buyer.supply.membersOf", { name: proposal.cluster.name })}</caption>
          <thead>
            <tr><th scope="col">{t("buyer.supply.member")}</th><th scope="col">{t("buyer.supply.share")}</th><th scope="col">{t("buyer.supply.free")}</th><th scope="col">{t("buyer.supply.score")}</th></tr>
          </thead>
          <tbody>
            {proposal.members.map((m) => (
              <tr key={m.ikm.id} data-member={m.ikm.legalName} data-share={m.share}>
                <th scope="row">{m.ikm.legalName}{m.ikm.id === proposal.weakest.ikm.id ? <small> ({t("buyer.supply.weakest")})</small> : null}</th>
                <td>{f.number(m.share)}</td>
                <td>{f.number(m.freeCapacity)}</td>
                <td>{f.number(m.score, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {listed ? <p className="bs-listed">{t("buyer.supply.listed")}</p>
        : canShortlist && <ShortlistProposal proposal={proposal} needId={needId} onDone={onDone} />}
    </li>
  );
}

export function Consortia(props: Omit<ProposalProps, "proposal">) {
  const { t } = useTranslation();
  const f = useFormat();
  const [{ data, error }] = useQuery({ query: ConsortiaQuery, variables: { needId: props.needId } });
  if (error) return <p role="alert" className="error">{errorText(error, t)}</p>;
  if (!data) return <p>{t("app.loading")}</p>;
  const c = data.consortia;
  if (!c.proposals.length) {
    return (
      <>
        <p>{t("buyer.supply.noProposal")}{c.reason ? ` ${c.reason.message}` : ""}</p>
        {c.singleSuppliers.length > 0 && (
          <ul className="terms">{c.singleSuppliers.map((s) => <li key={s.ikm.id}>{t("buyer.supply.single", { name: s.ikm.legalName, free: f.number(s.freeCapacity) })}</li>)}</ul>
        )}
      </>
    );
  }
  return (
    <>
      <p>{t("buyer.supply.proposalCount", { count: c.proposals.length, eligible: f.number(c.eligibleSuppliers) })}</p>
      <ol className="list bs-proposals">{c.proposals.map((p) => <ProposalCard key={p.cluster.name} proposal={p} {...props} />)}</ol>
    </>
  );
}
