/**
 * The API's enums the console offers as choices, in the order a reader expects (stages low to high).
 * Each list is checked against schema.graphql at `npm run typecheck`: a value the schema drops, or
 * one it adds that a list lacks, fails the build (`Exactly`).
 */
import type { introspection_types as Types } from "./graphql-env.d.ts";

type EnumOf<Name extends keyof Types> = Types[Name] extends { enumValues: infer V } ? V : never;
/** The list holds every value of the enum and no other: `true` or a compile error. */
type Exactly<List extends readonly string[], Enum> = [Enum] extends [List[number]] ? ([List[number]] extends [Enum] ? List : never) : never;

function exactly<Enum>() {
  return <const List extends readonly string[]>(list: Exactly<List, Enum>): List => list;
}

export type Process = EnumOf<"Process">;
export type SpecificProcess = EnumOf<"SpecificProcess">;
export type CertificationType = EnumOf<"CertificationType">;
export type QuantityUnit = EnumOf<"QuantityUnit">;
export type MaturityStage = EnumOf<"MaturityStage">;

/** Component processes first (what buyers post), then the e-Smart IKM commodities. */
export const PROCESSES = exactly<Process>()([
  "MACHINING_MANUAL", "MACHINING_CNC", "CASTING", "FORGING", "STAMPING", "SHEET_METAL", "WELDING_FABRICATION",
  "PLATING_PAINTING", "HEAT_TREATMENT", "PLASTIC_INJECTION", "RUBBER_MOULDING", "MOULDS_DIES", "WIRING_HARNESS",
  "ASSEMBLY", "METAL_PRODUCTS", "FOOD", "BEVERAGES", "HERBAL", "COSMETICS", "FASHION", "CRAFTS", "FURNITURE", "JEWELLERY",
]);
export const CERTIFICATIONS = exactly<CertificationType>()(["ISO_9001", "IATF_16949", "ISO_14001", "SNI", "HALAL", "TKDN", "OTHER"]);
export const UNITS = exactly<QuantityUnit>()(["PCS", "SET", "KG", "TON", "LITER", "METER"]);
export const STAGES = exactly<MaturityStage>()(["PEMULA", "MADYA", "PRAMANDIRI", "MANDIRI"]);
