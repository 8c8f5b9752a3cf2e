import { registerEnumType } from "type-graphql";
import {
  CertificationType, FirmSector, FirmTier, KbliVersion, MaturityStage, NeedStatus, Process, QuantityUnit, SpecificProcess, UserRole,
} from "../../domain/enums.js";
import { specificProcess } from "../../core/matching/taxonomy.js";

export { CertificationType, FirmSector, FirmTier, KbliVersion, MaturityStage, NeedStatus, Process, QuantityUnit, SpecificProcess, UserRole };

export enum SizeScheme {
  BPS = "BPS",
  KEMENPERIN = "KEMENPERIN",
}
export enum SizeClass {
  MICRO = "MICRO",
  SMALL = "SMALL",
  MEDIUM = "MEDIUM",
  LARGE = "LARGE",
}

/** valuesConfig for registerEnumType: a description for every value of `enumObject` (the compiler checks none is missing). */
export const describeValues = <E extends object>(_enumObject: E, descriptions: Record<keyof E, string>) =>
  Object.fromEntries(Object.entries(descriptions).map(([value, description]) => [value, { description }])) as Record<
    keyof E, { description: string }
  >;

registerEnumType(MaturityStage, {
  name: "MaturityStage",
  description: "YDBA maturity stages, in order: PEMULA < MADYA < PRAMANDIRI < MANDIRI. Assessments propose one; a foundation moves its mentee one step at a time.",
  valuesConfig: describeValues(MaturityStage, {
    PEMULA: "Beginner: the first stage of a mentored IKM (pillar average below 25).",
    MADYA: "Intermediate: pillar average from 25.",
    PRAMANDIRI: "Pre-independent: pillar average from 50.",
    MANDIRI: "Independent: the highest stage (pillar average from 75).",
  }),
});
registerEnumType(NeedStatus, {
  name: "NeedStatus",
  description: "DRAFT -> OPEN -> SHORTLISTED -> AWARDED -> CLOSED (SHORTLISTED may go back to OPEN); CANCELLED from DRAFT, OPEN or SHORTLISTED.",
  valuesConfig: describeValues(NeedStatus, {
    DRAFT: "Written by the firm and seen only by it (and administrators); terms may be edited.",
    OPEN: "Published: IKM and foundation members see it and may be alerted to it; terms may still be edited.",
    SHORTLISTED: "Still visible to suppliers; the firm is choosing among candidates (its first shortlistCandidate moves it here). May go back to OPEN, which passes the candidates over.",
    AWARDED: "Given to a shortlisted candidate by awardNeed, with its members' PENDING partnerships; no longer shown to suppliers. A partnership may cite it.",
    CLOSED: "Final: the awarded supply runs or has run.",
    CANCELLED: "Final: withdrawn by the firm before it was awarded.",
  }),
});
registerEnumType(Process, {
  name: "Process",
  description: "Controlled vocabulary of manufacturing processes (automotive parts) and e-Smart IKM commodities. Query.processTerms lists the local words each one matches.",
  valuesConfig: describeValues(Process, {
    CASTING: "Metal casting (cor), e.g. grey-iron cylinder sleeves.",
    FORGING: "Forging (tempa).",
    STAMPING: "Press stamping of sheet parts.",
    MACHINING_MANUAL: "Machining on manual lathes and mills (bubut, frais).",
    MACHINING_CNC: "Machining on CNC lathes and machining centres.",
    WELDING_FABRICATION: "Welding (las) and fabrication.",
    SHEET_METAL: "Sheet-metal forming and bending.",
    PLASTIC_INJECTION: "Plastic injection moulding (cetak plastik).",
    RUBBER_MOULDING: "Rubber moulding.",
    HEAT_TREATMENT: "Heat treatment (hardening, tempering).",
    PLATING_PAINTING: "Plating and painting (surface finishing).",
    MOULDS_DIES: "Making moulds and dies.",
    WIRING_HARNESS: "Wiring-harness assembly.",
    ASSEMBLY: "Assembly of sub-components.",
    COSMETICS: "e-Smart IKM commodity: cosmetics.",
    FASHION: "e-Smart IKM commodity: fashion.",
    FOOD: "e-Smart IKM commodity: food.",
    BEVERAGES: "e-Smart IKM commodity: beverages.",
    CRAFTS: "e-Smart IKM commodity: crafts.",
    JEWELLERY: "e-Smart IKM commodity: jewellery.",
    FURNITURE: "e-Smart IKM commodity: furniture.",
    HERBAL: "e-Smart IKM commodity: herbal products.",
    METAL_PRODUCTS: "e-Smart IKM commodity: metal products.",
  }),
});
registerEnumType(SpecificProcess, {
  name: "SpecificProcess",
  description: "A specific process under a Process family (the process taxonomy: Query.processTaxonomy gives names, KBLI class and sources).",
  valuesConfig: Object.fromEntries(Object.values(SpecificProcess).map((code) => {
    const e = specificProcess(code);
    return [code, { description: `${e.nameEn} (${e.nameId}), under ${e.family}${e.kbli ? `; KBLI 2020 ${e.kbli}` : ""}.` }];
  })),
});
registerEnumType(CertificationType, {
  name: "CertificationType",
  description: "A certificate an IKM holds or a need requires.",
  valuesConfig: describeValues(CertificationType, {
    ISO_9001: "ISO 9001 quality management.",
    ISO_14001: "ISO 14001 environmental management.",
    IATF_16949: "IATF 16949 automotive quality management (mostly tier 1).",
    SNI: "SNI: Indonesian national standard product mark.",
    HALAL: "Halal certificate.",
    TKDN: "TKDN local-content certificate (at least 25% local content).",
    OTHER: "Any other certificate; its name says which.",
  }),
});
registerEnumType(QuantityUnit, {
  name: "QuantityUnit",
  description: "Unit of a quantity: of a need's monthly volume, or of a capability's monthly capacity.",
  valuesConfig: describeValues(QuantityUnit, {
    PCS: "Pieces.",
    SET: "Sets.",
    KG: "Kilograms.",
    TON: "Metric tonnes.",
    METER: "Metres.",
    LITER: "Litres.",
  }),
});
registerEnumType(FirmTier, {
  name: "FirmTier",
  description: "OEM/APM, or the supplier tier below it.",
  valuesConfig: describeValues(FirmTier, {
    OEM: "Vehicle or equipment maker (OEM/APM, brand holder).",
    TIER_1: "Supplies assemblies directly to an OEM.",
    TIER_2: "Supplies parts to a tier 1.",
  }),
});
registerEnumType(FirmSector, {
  name: "FirmSector",
  description: "The industry a buying firm serves.",
  valuesConfig: describeValues(FirmSector, {
    AUTOMOTIVE: "Cars and commercial vehicles.",
    MOTORCYCLE: "Motorcycles.",
    ELECTRONICS: "Electronics.",
    AGRICULTURAL_MACHINERY: "Agricultural machinery.",
    HEAVY_EQUIPMENT: "Heavy equipment.",
    OTHER: "Any other sector.",
  }),
});
registerEnumType(KbliVersion, {
  name: "KbliVersion",
  description: "Edition of the KBLI industry classification a code belongs to (codes differ between editions).",
  valuesConfig: describeValues(KbliVersion, {
    KBLI_2020: "KBLI 2020.",
    KBLI_2025: "KBLI 2025, which replaced KBLI 2020.",
  }),
});
registerEnumType(UserRole, {
  name: "UserRole",
  description: "What a user acts for; FIRM, FOUNDATION, IKM and KOPERASI users belong to exactly one tenant of that kind.",
  valuesConfig: describeValues(UserRole, {
    ADMIN: "Jalin operator: may see and do everything.",
    FIRM: "Member of a buying firm.",
    FOUNDATION: "Member of a mentoring foundation; acts for it and its regional centres.",
    IKM: "Member (owner or staff) of an IKM supplier.",
    KOPERASI: "Manager (pengurus) of a koperasi: answers needs for a consortium of its members; sees what any signed-in non-member sees of IKMs.",
  }),
});
registerEnumType(SizeScheme, {
  name: "SizeScheme",
  description: "Which official size classification to derive a size class by.",
  valuesConfig: describeValues(SizeScheme, {
    BPS: "BPS (Statistics Indonesia): by workers; micro < 5, small 5-19, medium 20-99, large 100+.",
    KEMENPERIN: "Ministry of Industry (Permenperin 64/2016): by workers and investment; small <= 19 workers and < Rp1bn, medium <= 99 workers and <= Rp15bn, else large. Never MICRO.",
  }),
});
registerEnumType(SizeClass, {
  name: "SizeClass",
  description: "Business size class, derived from workers (and investment) under a SizeScheme.",
  valuesConfig: describeValues(SizeClass, {
    MICRO: "Micro (BPS only: fewer than 5 workers).",
    SMALL: "Small.",
    MEDIUM: "Medium.",
    LARGE: "Large.",
  }),
});
