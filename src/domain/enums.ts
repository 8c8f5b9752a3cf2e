/**
 * The enums Jalin speaks in, owned by the domain: every room imports them from here, never from the
 * generated Prisma client. Their values and order are the database's (prisma/schema.prisma);
 * src/infra/db/models.ts fails to compile if the two ever differ in values, and
 * test/unit/enum-order.test.ts fails if they differ in order. Ordered enums (stages) are compared
 * by the order in src/domain/stages.ts, never by declaration order.
 */
export const MaturityStage = {
  PEMULA: "PEMULA",
  MADYA: "MADYA",
  PRAMANDIRI: "PRAMANDIRI",
  MANDIRI: "MANDIRI",
} as const;

export type MaturityStage = (typeof MaturityStage)[keyof typeof MaturityStage];

export const NeedStatus = {
  DRAFT: "DRAFT",
  OPEN: "OPEN",
  SHORTLISTED: "SHORTLISTED",
  AWARDED: "AWARDED",
  CLOSED: "CLOSED",
  CANCELLED: "CANCELLED",
} as const;

export type NeedStatus = (typeof NeedStatus)[keyof typeof NeedStatus];

export const Process = {
  CASTING: "CASTING",
  FORGING: "FORGING",
  STAMPING: "STAMPING",
  MACHINING_MANUAL: "MACHINING_MANUAL",
  MACHINING_CNC: "MACHINING_CNC",
  WELDING_FABRICATION: "WELDING_FABRICATION",
  SHEET_METAL: "SHEET_METAL",
  PLASTIC_INJECTION: "PLASTIC_INJECTION",
  RUBBER_MOULDING: "RUBBER_MOULDING",
  HEAT_TREATMENT: "HEAT_TREATMENT",
  PLATING_PAINTING: "PLATING_PAINTING",
  MOULDS_DIES: "MOULDS_DIES",
  WIRING_HARNESS: "WIRING_HARNESS",
  ASSEMBLY: "ASSEMBLY",
  COSMETICS: "COSMETICS",
  FASHION: "FASHION",
  FOOD: "FOOD",
  BEVERAGES: "BEVERAGES",
  CRAFTS: "CRAFTS",
  JEWELLERY: "JEWELLERY",
  FURNITURE: "FURNITURE",
  HERBAL: "HERBAL",
  METAL_PRODUCTS: "METAL_PRODUCTS",
} as const;

export type Process = (typeof Process)[keyof typeof Process];

/**
 * Specific processes under a process family (issue 23): what a need may ask for exactly and a
 * capability may confirm. Their family, names, KBLI class and sources are in
 * src/core/matching/taxonomy.ts, the one reviewed file.
 */
export const SpecificProcess = {
  SAND_CASTING: "SAND_CASTING",
  DIE_CASTING: "DIE_CASTING",
  INVESTMENT_CASTING: "INVESTMENT_CASTING",
  HOT_FORGING: "HOT_FORGING",
  COLD_FORGING: "COLD_FORGING",
  PROGRESSIVE_STAMPING: "PROGRESSIVE_STAMPING",
  DEEP_DRAWING: "DEEP_DRAWING",
  TURNING: "TURNING",
  MILLING: "MILLING",
  GRINDING: "GRINDING",
  DRILLING: "DRILLING",
  CNC_TURNING: "CNC_TURNING",
  CNC_MILLING: "CNC_MILLING",
  EDM: "EDM",
  MIG_MAG_WELDING: "MIG_MAG_WELDING",
  TIG_WELDING: "TIG_WELDING",
  SMAW_WELDING: "SMAW_WELDING",
  SPOT_WELDING: "SPOT_WELDING",
  LASER_CUTTING: "LASER_CUTTING",
  PLASMA_CUTTING: "PLASMA_CUTTING",
  CNC_PUNCHING: "CNC_PUNCHING",
  PRESS_BRAKE_BENDING: "PRESS_BRAKE_BENDING",
  HARDENING_TEMPERING: "HARDENING_TEMPERING",
  CARBURIZING: "CARBURIZING",
  INDUCTION_HARDENING: "INDUCTION_HARDENING",
  ELECTROPLATING: "ELECTROPLATING",
  CHROME_PLATING: "CHROME_PLATING",
  SPRAY_PAINTING: "SPRAY_PAINTING",
  POWDER_COATING: "POWDER_COATING",
  HOT_DIP_GALVANIZING: "HOT_DIP_GALVANIZING",
  ANODIZING: "ANODIZING",
} as const;

export type SpecificProcess = (typeof SpecificProcess)[keyof typeof SpecificProcess];

export const CertificationType = {
  ISO_9001: "ISO_9001",
  ISO_14001: "ISO_14001",
  IATF_16949: "IATF_16949",
  SNI: "SNI",
  HALAL: "HALAL",
  TKDN: "TKDN",
  OTHER: "OTHER",
} as const;

export type CertificationType = (typeof CertificationType)[keyof typeof CertificationType];

export const QuantityUnit = {
  PCS: "PCS",
  SET: "SET",
  KG: "KG",
  TON: "TON",
  METER: "METER",
  LITER: "LITER",
} as const;

export type QuantityUnit = (typeof QuantityUnit)[keyof typeof QuantityUnit];

export const FirmTier = {
  OEM: "OEM",
  TIER_1: "TIER_1",
  TIER_2: "TIER_2",
} as const;

export type FirmTier = (typeof FirmTier)[keyof typeof FirmTier];

export const FirmSector = {
  AUTOMOTIVE: "AUTOMOTIVE",
  MOTORCYCLE: "MOTORCYCLE",
  ELECTRONICS: "ELECTRONICS",
  AGRICULTURAL_MACHINERY: "AGRICULTURAL_MACHINERY",
  HEAVY_EQUIPMENT: "HEAVY_EQUIPMENT",
  OTHER: "OTHER",
} as const;

export type FirmSector = (typeof FirmSector)[keyof typeof FirmSector];

export const KbliVersion = {
  KBLI_2020: "KBLI_2020",
  KBLI_2025: "KBLI_2025",
} as const;

export type KbliVersion = (typeof KbliVersion)[keyof typeof KbliVersion];

export const UserRole = {
  ADMIN: "ADMIN",
  FIRM: "FIRM",
  FOUNDATION: "FOUNDATION",
  IKM: "IKM",
  KOPERASI: "KOPERASI",
} as const;

export type UserRole = (typeof UserRole)[keyof typeof UserRole];

export const PartnershipStatus = {
  PENDING: "PENDING",
  ACTIVE: "ACTIVE",
  ENDED: "ENDED",
} as const;

export type PartnershipStatus = (typeof PartnershipStatus)[keyof typeof PartnershipStatus];

export const MentorshipStatus = {
  PENDING: "PENDING",
  ACTIVE: "ACTIVE",
  GRADUATED: "GRADUATED",
  ENDED: "ENDED",
} as const;

export type MentorshipStatus = (typeof MentorshipStatus)[keyof typeof MentorshipStatus];

/** What an IKM's answer to an OPEN need offers: interest only, or a priced quotation. */
export const ResponseKind = {
  INTEREST: "INTEREST",
  QUOTATION: "QUOTATION",
} as const;

export type ResponseKind = (typeof ResponseKind)[keyof typeof ResponseKind];

/** Whether a response stands (ACTIVE) or its IKM took it back (WITHDRAWN; submitting again revives it). */
export const ResponseStatus = {
  ACTIVE: "ACTIVE",
  WITHDRAWN: "WITHDRAWN",
} as const;

export type ResponseStatus = (typeof ResponseStatus)[keyof typeof ResponseStatus];

/** Who a shortlist candidate is: one IKM, or a consortium of IKMs with their shares. */
export const CandidateKind = {
  IKM: "IKM",
  CONSORTIUM: "CONSORTIUM",
} as const;

export type CandidateKind = (typeof CandidateKind)[keyof typeof CandidateKind];

/** Where a shortlist candidate stands: on the list, taken off, awarded, or passed over. */
export const CandidateStatus = {
  SHORTLISTED: "SHORTLISTED",
  REMOVED: "REMOVED",
  AWARDED: "AWARDED",
  NOT_AWARDED: "NOT_AWARDED",
} as const;

export type CandidateStatus = (typeof CandidateStatus)[keyof typeof CandidateStatus];

/** A sample request's life: asked, sent, approved or rejected, or called off. */
export const SampleStatus = {
  REQUESTED: "REQUESTED",
  SUBMITTED: "SUBMITTED",
  APPROVED: "APPROVED",
  REJECTED: "REJECTED",
  CANCELLED: "CANCELLED",
} as const;

export type SampleStatus = (typeof SampleStatus)[keyof typeof SampleStatus];

/** What a word an administrator adds to the vocabulary names: a process family or a material family (issue 23). */
export const VocabularyKind = {
  PROCESS: "PROCESS",
  MATERIAL: "MATERIAL",
} as const;

export type VocabularyKind = (typeof VocabularyKind)[keyof typeof VocabularyKind];

/** Which warning about a lapsing certificate (issue 22): within the look-ahead, or before a partnership needing it ends. */
export const CertificateLapseKind = {
  LAPSING_SOON: "LAPSING_SOON",
  LAPSES_DURING_PARTNERSHIP: "LAPSES_DURING_PARTNERSHIP",
} as const;

export type CertificateLapseKind = (typeof CertificateLapseKind)[keyof typeof CertificateLapseKind];
