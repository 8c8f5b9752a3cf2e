/**
 * The machines the IKM owns, each with the specific process Jalin reads it as (Machine.specificProcess:
 * "Tangki krom" is chrome plating), which counts as evidence inside a family the IKM works. Adding or
 * removing one sends the whole new list (setMachines) and shows the API's reading of it.
 */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { wholeNumber } from "../form";
import { Outcome, useStatus } from "../Outcome";
import { MachineForm, type MachineDraft } from "./MachineForm";
import { useSpecificName } from "./names";
import { type Ikm, type MachineInput, SetMachines, type Taxonomy } from "./queries";

type Machine = Ikm["machines"][number];

const asInput = (m: Machine): MachineInput => ({ type: m.type, brand: m.brand, count: m.count, cnc: m.cnc, yearMade: m.yearMade });

function MachineItem({ machine, taxonomy, onRemove, busy }: { machine: Machine; taxonomy: Taxonomy; onRemove: () => void; busy: boolean }) {
  const { t } = useTranslation();
  const specificName = useSpecificName(taxonomy);
  const details = [machine.brand, machine.yearMade != null ? t("supplier.machines.made", { year: machine.yearMade }) : null, machine.cnc ? t("supplier.machines.cnc") : null].filter(Boolean);
  return (
    <li className="card machine" data-machine={machine.type}>
      <strong>{machine.type}</strong> × {machine.count}{details.length ? <> · {details.join(" · ")}</> : null}
      <p className="reading">
        {machine.specificProcess
          ? t("supplier.machines.readAs", { process: specificName(machine.specificProcess), code: machine.specificProcess })
          : t("supplier.machines.readAsNone")}
      </p>
      <button type="button" className="secondary" disabled={busy} onClick={onRemove} aria-label={t("supplier.machines.remove", { type: machine.type })}>{t("supplier.remove")}</button>
    </li>
  );
}

export function Machines({ ikm, taxonomy, onSaved }: { ikm: Ikm; taxonomy: Taxonomy; onSaved: (ikm: Ikm) => void }) {
  const { t } = useTranslation();
  const [result, save] = useMutation(SetMachines);
  const [status, say, clear] = useStatus();
  const [problem, setProblem] = useState("");
  const [formKey, setFormKey] = useState(0);

  async function send(machines: MachineInput[], key: string): Promise<boolean> {
    clear();
    setProblem("");
    const answer = await save({ ikmId: ikm.id, machines });
    if (answer.data) {
      onSaved(answer.data.setMachines);
      say(key);
    }
    return Boolean(answer.data);
  }

  async function add(event: FormEvent, draft: MachineDraft) {
    event.preventDefault();
    const count = wholeNumber(draft.count);
    const yearMade = draft.yearMade.trim() ? wholeNumber(draft.yearMade) : null;
    if (!draft.type.trim() || count == null || (draft.yearMade.trim() && yearMade == null)) {
      clear();
      setProblem(t("supplier.machines.incomplete"));
      return;
    }
    const added = { type: draft.type.trim(), brand: draft.brand.trim() || null, count, cnc: draft.cnc, yearMade };
    if (await send([...ikm.machines.map(asInput), added], "supplier.machines.added")) setFormKey(formKey + 1);
  }

  return (
    <section aria-labelledby="machines" className="machines">
      <h2 id="machines">{t("supplier.machines.title")}</h2>
      <p className="meta">{t("supplier.machines.intro")}</p>
      {ikm.machines.length ? (
        <ul className="list">
          {ikm.machines.map((m, i) => (
            <MachineItem key={`${m.type}-${i}`} machine={m} taxonomy={taxonomy} busy={result.fetching}
              onRemove={() => void send(ikm.machines.filter((_, j) => j !== i).map(asInput), "supplier.machines.removed")} />
          ))}
        </ul>
      ) : <p>{t("supplier.machines.none")}</p>}
      <MachineForm key={formKey} busy={result.fetching} onSubmit={add} />
      <Outcome error={result.error} problem={problem} status={status} testId="machines" />
    </section>
  );
}
