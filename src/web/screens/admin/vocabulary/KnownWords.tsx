/**
 * The words Jalin knows from its reviewed file, per specific process (processTaxonomy's `words`),
 * folded away: the API lists the words of specific processes, not those of a family alone or of materials.
 */
import { useTranslation } from "react-i18next";
import { useMeaning } from "./meaning";
import type { Taxonomy } from "./queries";

export function KnownWords({ taxonomy }: { taxonomy: Taxonomy }) {
  const { t } = useTranslation();
  const { specificName } = useMeaning(taxonomy);
  const families = taxonomy.filter((f) => f.specifics.length);
  return (
    <section className="card admin-known" aria-labelledby="known-words">
      <h2 id="known-words">{t("admin.known.title")}</h2>
      <p className="hint">{t("admin.known.intro")}</p>
      <details>
        <summary>{t("admin.known.show", { count: families.reduce((n, f) => n + f.specifics.length, 0) })}</summary>
        {families.map((f) => (
          <div key={f.process}>
            <h3>{t(`processes.${f.process}`)}</h3>
            <dl>
              {f.specifics.map((s) => (
                <div key={s.code}>
                  <dt>{specificName(s.code)}</dt>
                  <dd>{s.words.join(", ")}</dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </details>
    </section>
  );
}
