import { DomainError, ErrorCode } from "./errors.js";

/**
 * Global ids for the GraphQL `Node` interface: base64url("Type:uuid"). Opaque to clients, and they
 * say which type they name, so a Firm id passed where an Ikm id belongs is refused clearly.
 */
const NODE_TYPES = ["Firm", "Ikm", "ComponentNeed", "Sentra", "Koperasi", "Foundation", "User", "Mentorship", "Assessment", "StageChange", "Partnership", "NeedResponse", "ShortlistCandidate", "SampleRequest"] as const;
export type NodeType = (typeof NODE_TYPES)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether `text` is a UUID as PostgreSQL's uuid columns hold them (lower case, hyphenated). */
export const isUuid = (text: string): boolean => UUID.test(text);

export const toGlobalId = (type: NodeType, id: string): string => Buffer.from(`${type}:${id}`).toString("base64url");

export function fromGlobalId(globalId: string): { type: NodeType; id: string } | null {
  const decoded = Buffer.from(globalId, "base64url").toString("utf8");
  const [type, id] = decoded.split(":");
  if (!NODE_TYPES.includes(type as NodeType) || !id || !UUID.test(id)) return null;
  return { type: type as NodeType, id };
}

/** Decodes an id argument that must name a `type`; `argument` names it in the error. */
export function expectId(globalId: string, type: NodeType, argument: string): string {
  const parsed = fromGlobalId(globalId);
  if (!parsed || parsed.type !== type) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `${argument} must be the id of a ${type}.`, {
      fields: [{ path: argument, message: `not a ${type} id` }],
    });
  }
  return parsed.id;
}
