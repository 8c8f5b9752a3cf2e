import { registerEnumType } from "type-graphql";
import {
  CertificationType, FirmSector, FirmTier, KbliVersion, MaturityStage, NeedStatus, Process, QuantityUnit, UserRole,
} from "../../generated/prisma/enums.js";

export { CertificationType, FirmSector, FirmTier, KbliVersion, MaturityStage, NeedStatus, Process, QuantityUnit, UserRole };

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

registerEnumType(MaturityStage, { name: "MaturityStage", description: "YDBA maturity stages, in order: PEMULA < MADYA < PRAMANDIRI < MANDIRI." });
registerEnumType(NeedStatus, { name: "NeedStatus", description: "DRAFT -> OPEN -> SHORTLISTED -> AWARDED -> CLOSED; CANCELLED from DRAFT, OPEN or SHORTLISTED." });
registerEnumType(Process, { name: "Process", description: "Controlled vocabulary of manufacturing processes and e-Smart IKM commodities." });
registerEnumType(CertificationType, { name: "CertificationType" });
registerEnumType(QuantityUnit, { name: "QuantityUnit" });
registerEnumType(FirmTier, { name: "FirmTier", description: "OEM/APM, or the supplier tier below it." });
registerEnumType(FirmSector, { name: "FirmSector" });
registerEnumType(KbliVersion, { name: "KbliVersion" });
registerEnumType(UserRole, { name: "UserRole" });
registerEnumType(SizeScheme, { name: "SizeScheme", description: "BPS: by workers. KEMENPERIN: by workers and investment." });
registerEnumType(SizeClass, { name: "SizeClass" });
