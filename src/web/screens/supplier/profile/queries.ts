/** The IKM's profile as the editor reads it, and the mutations that change it (each answers the profile again). */
import { type ResultOf, type VariablesOf, graphql } from "../../../graphql";

export const ProfileFields = graphql(`
  fragment ProfileFields on Ikm @_unmask {
    id legalName currentStage regionCode regionName
    capabilities { process specificProcesses materials monthlyCapacity capacityUnit toleranceMm notes }
    machines { type brand count cnc yearMade specificProcess }
    certifications { id type number issuer validFrom validUntil }
    sentras { id name product regionName memberCount }
    koperasis { id name regionName offtaker sharedFacility memberCount }
  }
`);

export const ProfileQuery = graphql(`
  query SupplierProfile {
    viewer { id ikm { ...ProfileFields } }
    processTaxonomy { process specifics { code nameId nameEn } }
  }
`, [ProfileFields]);

export const SetCapabilities = graphql(`
  mutation SetCapabilities($ikmId: ID!, $capabilities: [CapabilityInput!]!) {
    setCapabilities(ikmId: $ikmId, capabilities: $capabilities) { ...ProfileFields }
  }
`, [ProfileFields]);

export const SetMachines = graphql(`
  mutation SetMachines($ikmId: ID!, $machines: [MachineInput!]!) {
    setMachines(ikmId: $ikmId, machines: $machines) { ...ProfileFields }
  }
`, [ProfileFields]);

export const AddCertification = graphql(`
  mutation AddCertification($ikmId: ID!, $input: CertificationInput!) {
    addCertification(ikmId: $ikmId, input: $input) { id type number issuer validFrom validUntil }
  }
`);

export const RemoveCertification = graphql(`
  mutation RemoveCertification($id: String!) { removeCertification(id: $id) { ...ProfileFields } }
`, [ProfileFields]);

/** The sentra and koperasi an IKM may join: those of a region (a province includes its regencies), or all. */
export const SentrasQuery = graphql(`
  query JoinableSentras($regionCode: String) {
    sentras(first: 100, regionCode: $regionCode) { totalCount nodes { id name product process regionName memberCount } }
  }
`);

export const KoperasisQuery = graphql(`
  query JoinableKoperasis($regionCode: String) {
    koperasis(first: 100, regionCode: $regionCode) { totalCount nodes { id name regionName memberCount offtaker sharedFacility } }
  }
`);

export const JoinSentra = graphql(`mutation JoinSentra($ikmId: ID!, $id: ID!) { joinSentra(ikmId: $ikmId, sentraId: $id) { id name } }`);
export const LeaveSentra = graphql(`mutation LeaveSentra($ikmId: ID!, $id: ID!) { leaveSentra(ikmId: $ikmId, sentraId: $id) { id name } }`);
export const JoinKoperasi = graphql(`mutation JoinKoperasi($ikmId: ID!, $id: ID!) { joinKoperasi(ikmId: $ikmId, koperasiId: $id) { id name } }`);
export const LeaveKoperasi = graphql(`mutation LeaveKoperasi($ikmId: ID!, $id: ID!) { leaveKoperasi(ikmId: $ikmId, koperasiId: $id) { id name } }`);

export type Ikm = ResultOf<typeof ProfileFields>;
export type Taxonomy = ResultOf<typeof ProfileQuery>["processTaxonomy"];
export type Capability = Ikm["capabilities"][number];
export type Process = Capability["process"];
export type SpecificProcess = Capability["specificProcesses"][number];
export type Unit = Capability["capacityUnit"];
export type CapabilityInput = VariablesOf<typeof SetCapabilities>["capabilities"][number];
export type MachineInput = VariablesOf<typeof SetMachines>["machines"][number];
export type CertificationType = VariablesOf<typeof AddCertification>["input"]["type"];

export const UNITS: readonly Unit[] = ["PCS", "SET", "KG", "TON", "LITER", "METER"];
export const CERTIFICATION_TYPES: readonly CertificationType[] = ["ISO_9001", "ISO_14001", "IATF_16949", "SNI", "TKDN", "HALAL", "OTHER"];
