/**
 * Choosing a sentra or koperasi to join: those of the IKM's province by default (its regency, or
 * every region, on request), narrowed by a search over name, product and region, the ones it belongs
 * to left out and a sentra of one of its own processes first. The API answers at most 100 a page;
 * the page says when a region holds more, so the reader narrows it.
 */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { type CombinedError, useQuery } from "urql";
import { errorText } from "../../../errors";
import { useFormat } from "../../../format";
import { type Ikm, KoperasisQuery, SentrasQuery } from "./queries";

export type ClusterKind = "sentra" | "koperasi";
export interface Joinable { id: string; name: string; text: string; ownProcess: boolean }
type Scope = "regency" | "province" | "all";

/** The region codes the reader may pick from: the IKM's regency (when it has one), its province, everywhere. */
function scopes(ikm: Ikm): Partial<Record<Scope, string | null>> {
  const [province, regency] = ikm.regionCode.split(".");
  return { ...(regency ? { regency: ikm.regionCode } : {}), province: province ?? null, all: null };
}

interface PickerProps {
  kind: ClusterKind;
  ikm: Ikm;
  busy: boolean;
  onJoin: (choice: Joinable) => void;
}

export function ClusterPicker(props: PickerProps) {
  const [scope, setScope] = useState<Scope>("province");
  const regionCode = scopes(props.ikm)[scope] ?? null;
  return props.kind === "sentra"
    ? <SentraPicker {...props} scope={scope} setScope={setScope} regionCode={regionCode} />
    : <KoperasiPicker {...props} scope={scope} setScope={setScope} regionCode={regionCode} />;
}

interface ScopedProps extends PickerProps { scope: Scope; setScope: (s: Scope) => void; regionCode: string | null }

function SentraPicker(props: ScopedProps) {
  const { t } = useTranslation();
  const [{ data, error }] = useQuery({ query: SentrasQuery, variables: { regionCode: props.regionCode } });
  const own = new Set(props.ikm.capabilities.map((c) => c.process));
  const joined = new Set(props.ikm.sentras.map((s) => s.id));
  const options = data?.sentras.nodes.filter((s) => !joined.has(s.id)).map((s): Joinable => ({
    id: s.id, name: s.name, ownProcess: own.has(s.process),
    text: [s.name, s.product, s.regionName, t("supplier.clusters.members", { count: s.memberCount })].filter(Boolean).join(" · "),
  }));
  return <Picker {...props} options={options} more={data && data.sentras.totalCount > data.sentras.nodes.length ? data.sentras.totalCount : null} error={error} />;
}

function KoperasiPicker(props: ScopedProps) {
  const { t } = useTranslation();
  const [{ data, error }] = useQuery({ query: KoperasisQuery, variables: { regionCode: props.regionCode } });
  const joined = new Set(props.ikm.koperasis.map((k) => k.id));
  const options = data?.koperasis.nodes.filter((k) => !joined.has(k.id)).map((k): Joinable => ({
    id: k.id, name: k.name, ownProcess: false,
    text: [k.name, k.regionName, t("supplier.clusters.members", { count: k.memberCount }), k.offtaker ? t("supplier.clusters.offtaker") : null]
      .filter(Boolean).join(" · "),
  }));
  return <Picker {...props} options={options} more={data && data.koperasis.totalCount > data.koperasis.nodes.length ? data.koperasis.totalCount : null} error={error} />;
}

interface ListProps extends ScopedProps {
  /** Those the IKM may join (undefined while loading). */
  options?: Joinable[];
  /** How many the region holds when the page answered only part of them. */
  more?: number | null;
  error?: CombinedError;
}

function Picker({ kind, ikm, busy, onJoin, scope, setScope, options, more, error }: ListProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const [search, setSearch] = useState("");
  const [chosen, setChosen] = useState("");
  const words = (key: string, values?: Record<string, unknown>) => t(`supplier.clusters.join.${kind}.${key}`, values);
  const needle = search.trim().toLocaleLowerCase();
  const shown = (options ?? []).filter((o) => !needle || o.text.toLocaleLowerCase().includes(needle))
    .sort((a, b) => Number(b.ownProcess) - Number(a.ownProcess) || a.name.localeCompare(b.name));
  const choice = shown.find((o) => o.id === chosen);
  return (
    <div className="cluster-picker" role="group" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{words("title")}</h4>
      <div className="pair">
        <div className="field">
          <label htmlFor={`${id}-scope`}>{words("scope")}</label>
          <select id={`${id}-scope`} value={scope} onChange={(e) => setScope(e.target.value as Scope)}>
            {(Object.keys(scopes(ikm)) as Scope[]).map((s) => <option key={s} value={s}>{t(`supplier.clusters.join.scopes.${s}`, { region: ikm.regionName ?? ikm.regionCode })}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-search`}>{words("search")}</label>
          <input id={`${id}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-choice`}>{words("choice")}</label>
        <select id={`${id}-choice`} value={choice ? chosen : ""} onChange={(e) => setChosen(e.target.value)} aria-describedby={`${id}-count`}>
          <option value="">{options ? words("choose", { count: shown.length }) : t("app.loading")}</option>
          {shown.map((o) => <option key={o.id} value={o.id}>{o.ownProcess ? `${o.text} · ${t("supplier.clusters.join.ownProcess")}` : o.text}</option>)}
        </select>
        <small id={`${id}-count`} className="meta">
          {error ? errorText(error, t) : more ? words("more", { total: f.number(more) }) : options && !shown.length ? words("none") : ""}
        </small>
      </div>
      <button type="button" disabled={busy || !choice} onClick={() => choice && onJoin(choice)}>{words("action")}</button>
    </div>
  );
}
