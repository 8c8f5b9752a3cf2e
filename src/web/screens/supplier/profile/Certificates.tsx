/**
 * The IKM's certificates with their validity (valid now, expired, or not yet valid), added with
 * addCertification and removed with removeCertification. A need's required certificate must be
 * valid on its start date and through its end.
 */
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { useFormat } from "../../../format";
import { dayFromToday } from "../form";
import { Outcome, useStatus } from "../Outcome";
import { CertificateForm } from "./CertificateForm";
import { AddCertification, type Ikm, RemoveCertification } from "./queries";

type Certification = Ikm["certifications"][number];

function validity(c: Certification, today: string): "valid" | "expired" | "future" {
  if (c.validFrom > today) return "future";
  if (c.validUntil != null && c.validUntil < today) return "expired";
  return "valid";
}

function CertificateItem({ cert, onRemove, busy }: { cert: Certification; onRemove: () => void; busy: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const state = validity(cert, dayFromToday());
  const name = t(`supplier.certTypes.${cert.type}`);
  return (
    <li className="card certificate" data-certificate={cert.type}>
      <strong>{name}</strong> <span className={`validity validity-${state}`}>{t(`supplier.certificates.${state}`)}</span>
      <p className="meta">{t("supplier.certificates.numberBy", { number: cert.number, issuer: cert.issuer })}</p>
      <p className="period">
        {cert.validUntil
          ? t("supplier.certificates.period", { from: f.date(cert.validFrom), until: f.date(cert.validUntil) })
          : t("supplier.certificates.noExpiry", { from: f.date(cert.validFrom) })}
      </p>
      <button type="button" className="secondary" disabled={busy} onClick={onRemove} aria-label={t("supplier.certificates.remove", { name, number: cert.number })}>{t("supplier.remove")}</button>
    </li>
  );
}

/** onSaved: the profile after the change (a removal answers it; an addition answers the certificate alone). */
export function Certificates({ ikm, onSaved }: { ikm: Ikm; onSaved: (ikm: Ikm) => void }) {
  const { t } = useTranslation();
  const [added, add] = useMutation(AddCertification);
  const [removed, remove] = useMutation(RemoveCertification);
  const [status, say, clear] = useStatus();
  const error = added.error ?? removed.error;
  const busy = added.fetching || removed.fetching;
  const sorted = [...ikm.certifications].sort((a, b) => (b.validUntil ?? "9999").localeCompare(a.validUntil ?? "9999"));
  return (
    <section aria-labelledby="certificates" className="certificates">
      <h2 id="certificates">{t("supplier.certificates.title")}</h2>
      {sorted.length ? (
        <ul className="list">
          {sorted.map((c) => (
            <CertificateItem key={c.id} cert={c} busy={busy} onRemove={async () => {
              clear();
              const answer = await remove({ id: c.id });
              if (answer.data) { say("supplier.certificates.removed"); onSaved(answer.data.removeCertification); }
            }} />
          ))}
        </ul>
      ) : <p>{t("supplier.certificates.none")}</p>}
      <CertificateForm busy={busy} onAdd={async (input) => {
        clear();
        const answer = await add({ ikmId: ikm.id, input });
        if (answer.data) { say("supplier.certificates.added"); onSaved({ ...ikm, certifications: [...ikm.certifications, answer.data.addCertification] }); }
        return Boolean(answer.data);
      }} />
      <Outcome error={error} status={status} testId="certificates" />
    </section>
  );
}
