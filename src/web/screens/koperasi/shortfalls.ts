/**
 * What the koperasi can read in a member's public profile about a need: its stated monthly capacity
 * for the need, and what plainly keeps it out (a process it does not work, too low a stage, a
 * required certificate it lacks). The answer form uses it to say why a member outside Jalin's
 * proposal is folded away; who takes part and with what share is the API's proposal (`consortia`),
 * and the API checks every rule when the koperasi answers.
 */
import { STAGES } from "../../enums";
import type { Member, Need } from "./queries";

/** The member's stated monthly capacity for the need: its smallest over the need's processes, in the need's unit (0 when it lacks one). */
export function capacityFor(member: Member, need: Pick<Need, "processes" | "unit">): number {
  const per = need.processes.map((p) => member.capabilities.find((c) => c.process === p && c.capacityUnit === need.unit)?.monthlyCapacity ?? 0);
  return per.length ? Math.min(...per) : 0;
}

/** What keeps a member out of a need: processes it does not work, too low a stage, certificates it lacks. */
export type Shortfall =
  | { kind: "processes"; processes: Need["processes"] }
  | { kind: "stage" }
  | { kind: "certificates"; certificates: Need["requiredCertifications"] };

/** Why a member cannot take part, as far as its public profile tells; empty when nothing there keeps it out. */
export function shortfalls(member: Member, need: Need): Shortfall[] {
  const out: Shortfall[] = [];
  const missing = need.processes.filter((p) => !member.capabilities.some((c) => c.process === p && c.capacityUnit === need.unit && c.monthlyCapacity > 0));
  if (missing.length) out.push({ kind: "processes", processes: missing });
  if (STAGES.indexOf(member.currentStage) < STAGES.indexOf(need.minimumStage)) out.push({ kind: "stage" });
  const valid = (type: string) => member.certifications.some((c) => c.type === type && c.validFrom <= need.startDate && (!c.validUntil || c.validUntil >= need.startDate));
  const lacking = need.requiredCertifications.filter((c) => !valid(c));
  if (lacking.length) out.push({ kind: "certificates", certificates: lacking });
  return out;
}
