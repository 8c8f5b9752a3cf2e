/**
 * Allocation of several needs at once: the buyer ticks open needs, picks the method (OPTIMAL by
 * default, GREEDY the baseline) and asks `allocate`; the answer (a proposal: nothing is committed)
 * shows per need the IKMs given units, its coverage, whether the solver proved it best, and any
 * groups its time limit left unsolved.
 */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { errorText } from "../../../errors";
import { useFormat } from "../../../format";
import { AllocationResult } from "./AllocationResult";
import { AllocateQuery, type Method, OpenNeedsQuery } from "./operations";
import "../buyer.css";

const METHODS: Method[] = ["OPTIMAL", "GREEDY"];

interface Run {
  needIds: string[];
  method: Method;
}

function NeedPicker({ picked, toggle }: { picked: Set<string>; toggle: (id: string) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [{ data, error }] = useQuery({ query: OpenNeedsQuery, requestPolicy: "cache-and-network" });
  if (error) return <p role="alert" className="error">{errorText(error, t)}</p>;
  if (!data) return <p>{t("app.loading")}</p>;
  if (!data.needs.nodes.length) return <p>{t("buyer.allocate.noOpenNeeds")}</p>;
  return (
    <fieldset className="bs-needs-pick">
      <legend>{t("buyer.allocate.pick")}</legend>
      {data.needs.nodes.map((n) => (
        <label key={n.id} className="check">
          <input type="checkbox" checked={picked.has(n.id)} onChange={() => toggle(n.id)} />
          {n.title} <small>({t("needs.perMonth", { quantity: f.number(n.quantityPerMonth), unit: t(`units.${n.unit}`) })})</small>
        </label>
      ))}
    </fieldset>
  );
}

function MethodPicker({ method, setMethod }: { method: Method; setMethod: (m: Method) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="bs-method">
      <legend>{t("buyer.allocate.method")}</legend>
      {METHODS.map((m) => (
        <label key={m} className="check">
          <input type="radio" name="method" value={m} checked={method === m} onChange={() => setMethod(m)} />
          {t(`buyer.allocate.methods.${m}`)}
        </label>
      ))}
    </fieldset>
  );
}

export function Allocate() {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [method, setMethod] = useState<Method>("OPTIMAL");
  const [run, setRun] = useState<Run | null>(null);
  const [result, rerun] = useQuery({ query: AllocateQuery, variables: run ?? { needIds: [], method }, pause: !run, requestPolicy: "network-only" });
  const toggle = (id: string) => setPicked((old) => {
    const next = new Set(old);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const next = { needIds: [...picked], method };
    if (run && run.method === next.method && run.needIds.join() === next.needIds.join()) rerun({ requestPolicy: "network-only" });
    else setRun(next);
  }
  return (
    <div className="page">
      <h1>{t("buyer.allocate.title")}</h1>
      <p className="hint">{t("buyer.allocate.intro")}</p>
      <form onSubmit={submit} aria-label={t("buyer.allocate.title")}>
        <NeedPicker picked={picked} toggle={toggle} />
        <MethodPicker method={method} setMethod={setMethod} />
        <span className="inline">
          <button type="submit" disabled={picked.size === 0 || result.fetching}>{t("buyer.allocate.run")}</button>
          {picked.size === 0 && <span className="hint">{t("buyer.allocate.pickHint")}</span>}
        </span>
      </form>
      <section aria-labelledby="allocation" aria-busy={result.fetching}>
        <h2 id="allocation">{t("buyer.allocate.result")}</h2>
        {result.error ? <p role="alert" className="error">{errorText(result.error, t)}</p>
          : result.fetching ? <p>{t("buyer.allocate.running")}</p>
          : result.data ? <AllocationResult allocation={result.data.allocate} />
          : <p>{t("buyer.allocate.none")}</p>}
      </section>
    </div>
  );
}
