/**
 * Jalin's consortium answers for several needs at once, one `consortia` request per need sent
 * together, for the home page to sort the needs by what the API says (a proposal, a reason, or no
 * eligible member). A need whose request fails carries its error; the others are unaffected.
 */
import { useEffect, useState } from "react";
import { type CombinedError, useClient } from "urql";
import { type Consortia, NeedConsortiaQuery } from "./queries";

export type ConsortiaAnswer = { consortia: Consortia; error?: undefined } | { consortia?: undefined; error: CombinedError };

/** Answers by need id once every request has answered; null while any is on its way. */
export function useConsortia(needIds: readonly string[] | null): Map<string, ConsortiaAnswer> | null {
  const client = useClient();
  const key = needIds?.join(",") ?? null;
  const [answers, setAnswers] = useState<{ key: string; byNeed: Map<string, ConsortiaAnswer> } | null>(null);
  useEffect(() => {
    if (key === null) return;
    let current = true;
    const ids = key ? key.split(",") : [];
    void Promise.all(ids.map((needId) => client.query(NeedConsortiaQuery, { needId }, { requestPolicy: "network-only" }).toPromise())).then((results) => {
      if (!current) return;
      const byNeed = new Map<string, ConsortiaAnswer>();
      results.forEach((r, i) => byNeed.set(ids[i], r.data ? { consortia: r.data.consortia } : { error: r.error! }));
      setAnswers({ key, byNeed });
    });
    return () => {
      current = false;
    };
  }, [client, key]);
  return answers && answers.key === key ? answers.byNeed : null;
}

/** The proposal for the koperasi's members, if Jalin makes one. */
export const proposalOf = (consortia: Consortia | undefined) => consortia?.proposals[0] ?? null;
