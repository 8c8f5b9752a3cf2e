/**
 * The buyer's need editor: `/needs/new` drafts a need (`createNeed`, DRAFT until published on its
 * page), `/needs/<id>/edit` changes a DRAFT or OPEN one (`updateNeed` with the version it read, so
 * an edit made meanwhile by someone else is refused with CONFLICT and shown, not overwritten).
 */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { errorText } from "../../../errors";
import { graphql } from "../../../graphql";
import { linkTo, navigate } from "../../../router";
import { Conditions, Place, Quantity, Weights } from "./NeedFields";
import { type NeedForm, emptyForm, formOf, inputOf } from "./needForm";
import { type Picked, ProcessPicker } from "./ProcessPicker";

const EditNeedQuery = graphql(`
  query EditNeed($id: ID!) {
    need(id: $id) {
      id version status title description processes specificProcesses materials quantityPerMonth unit
      toleranceMm toleranceCritical requiredCertifications minimumStage startDate termMonths latitude longitude radiusKm
      matchWeights { capabilityFit quality delivery capacity proximity stage cluster }
    }
  }
`);

const CreateNeed = graphql(`
  mutation CreateNeed($input: NeedInput!) { createNeed(input: $input) { id } }
`);

const UpdateNeed = graphql(`
  mutation UpdateNeed($id: ID!, $version: Int!, $input: NeedUpdateInput!) {
    updateNeed(id: $id, expectedVersion: $version, input: $input) { id version }
  }
`);

/** The label key of each NeedInput field, to name a refused field as the form shows it. */
const FIELD_LABELS: Record<string, string> = {
  title: "buyer.editor.title", description: "buyer.editor.description", processes: "need.processes", specificProcesses: "buyer.need.specifics",
  materials: "need.materials", quantityPerMonth: "buyer.editor.quantity", unit: "buyer.editor.unit", toleranceMm: "buyer.editor.tolerance",
  toleranceCritical: "buyer.editor.tolerance", requiredCertifications: "need.certificates", minimumStage: "need.minimumStage",
  startDate: "buyer.editor.start", termMonths: "buyer.editor.term", endDate: "buyer.editor.term", latitude: "buyer.editor.latitude",
  longitude: "buyer.editor.longitude", radiusKm: "buyer.editor.radius", weights: "buyer.editor.weights",
};

interface FormProps {
  initial: NeedForm;
  /** The edited need's id and the version it was read at; none for a new need. */
  editing?: { id: string; version: number };
}

function EditorForm({ initial, editing }: FormProps) {
  const { t } = useTranslation();
  const [form, setForm] = useState(initial);
  const [created, create] = useMutation(CreateNeed);
  const [updated, update] = useMutation(UpdateNeed);
  const set = <K extends keyof NeedForm>(key: K, value: NeedForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const picked: Picked = { processes: form.processes, specificProcesses: form.specificProcesses, materials: form.materials };
  const error = (editing ? updated : created).error;
  const fieldName = (path: string) => {
    const key = FIELD_LABELS[path.replace(/^input\./, "").split(".")[0]];
    return key ? t(key) : undefined;
  };
  const busy = created.fetching || updated.fetching;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (editing) {
      const answer = await update({ id: editing.id, version: editing.version, input: inputOf(form, initial) as never });
      if (answer.data) navigate(`/needs/${encodeURIComponent(editing.id)}`);
    } else {
      const answer = await create({ input: inputOf(form) as never });
      if (answer.data) navigate(`/needs/${encodeURIComponent(answer.data.createNeed.id)}`);
    }
  }

  return (
    <form className="editor" onSubmit={submit} noValidate={false}>
      <div className="field">
        <label htmlFor="title">{t("buyer.editor.title")}</label>
        <input id="title" required maxLength={200} value={form.title} onChange={(e) => set("title", e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="description">{t("buyer.editor.description")}</label>
        <textarea id="description" rows={3} required value={form.description} onChange={(e) => set("description", e.target.value)} />
      </div>
      <ProcessPicker picked={picked} onChange={(next) => setForm((f) => ({ ...f, ...next }))} />
      <Quantity form={form} set={set} />
      <Conditions form={form} set={set} />
      <Place form={form} set={set} />
      <Weights form={form} set={set} />
      {error && <p role="alert" className="error" data-testid="editor-error">{errorText(error, t, fieldName)}</p>}
      <span className="inline">
        <button type="submit" disabled={busy}>{editing ? t("buyer.editor.save") : t("buyer.editor.create")}</button>
        <a {...linkTo(editing ? `/needs/${encodeURIComponent(editing.id)}` : "/")}>{t("buyer.editor.cancel")}</a>
      </span>
    </form>
  );
}

export function NewNeed() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <p><a {...linkTo("/")}>← {t("app.back")}</a></p>
      <h1>{t("buyer.editor.newTitle")}</h1>
      <EditorForm initial={emptyForm()} />
    </div>
  );
}

export function EditNeed({ id }: { id: string }) {
  const { t } = useTranslation();
  const [{ data, error }] = useQuery({ query: EditNeedQuery, variables: { id }, requestPolicy: "network-only" });
  const back = <p><a {...linkTo(`/needs/${encodeURIComponent(id)}`)}>← {t("buyer.editor.backToNeed")}</a></p>;
  if (error) return <div className="page">{back}<p role="alert" className="error">{errorText(error, t)}</p></div>;
  if (!data) return <div className="page">{back}<p>{t("app.loading")}</p></div>;
  const need = data.need;
  return (
    <div className="page">
      {back}
      <h1>{t("buyer.editor.editTitle", { title: need.title })}</h1>
      {need.status === "DRAFT" || need.status === "OPEN"
        ? <EditorForm initial={formOf(need)} editing={{ id: need.id, version: need.version }} />
        : <p role="alert" className="error">{t("buyer.editor.notEditable", { status: t(`status.${need.status}`) })}</p>}
    </div>
  );
}
