/**
 * The rows the repositories return, by their model names, and the proof that the domain's enums
 * (src/domain/enums.ts) are the database's. Features and the API import row types from here; only
 * infra/ imports the generated Prisma client.
 */
import type * as Db from "../../generated/prisma/enums.js";
import type * as Domain from "../../domain/enums.js";

export type {
  Assessment, Capability, Certification, ComponentNeed, DeliveryRecord, EventLog, FiveRAudit, Firm, Foundation, Ikm, IkmKbli,
  Koperasi, KoperasiMembership, Machine, Mentorship, NeedResponse, NeedResponseRevision, NeedStatusChange, Partnership, Sentra, SentraMembership, SharedFacility,
  StageChange, User, ShortlistCandidate, ShortlistMember, SampleRequest, SampleChecklistItem,
  VocabularyEntry,
  NeedResponseMember, NeedResponseRevisionMember,
} from "../../generated/prisma/client.js";

/** True only when A and B are the same set of values. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

// A value added to or removed from an enum on one side only fails the typecheck here.
export type EnumsAgree = [
  Assert<Same<Db.MaturityStage, Domain.MaturityStage>>,
  Assert<Same<Db.NeedStatus, Domain.NeedStatus>>,
  Assert<Same<Db.Process, Domain.Process>>,
  Assert<Same<Db.SpecificProcess, Domain.SpecificProcess>>,
  Assert<Same<Db.CertificationType, Domain.CertificationType>>,
  Assert<Same<Db.QuantityUnit, Domain.QuantityUnit>>,
  Assert<Same<Db.FirmTier, Domain.FirmTier>>,
  Assert<Same<Db.FirmSector, Domain.FirmSector>>,
  Assert<Same<Db.KbliVersion, Domain.KbliVersion>>,
  Assert<Same<Db.UserRole, Domain.UserRole>>,
  Assert<Same<Db.PartnershipStatus, Domain.PartnershipStatus>>,
  Assert<Same<Db.MentorshipStatus, Domain.MentorshipStatus>>,
  Assert<Same<Db.ResponseKind, Domain.ResponseKind>>,
  Assert<Same<Db.ResponseStatus, Domain.ResponseStatus>>,
  Assert<Same<Db.CandidateKind, Domain.CandidateKind>>,
  Assert<Same<Db.CandidateStatus, Domain.CandidateStatus>>,
  Assert<Same<Db.SampleStatus, Domain.SampleStatus>>,
  Assert<Same<Db.VocabularyKind, Domain.VocabularyKind>>,
];
