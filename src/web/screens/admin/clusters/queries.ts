/** What the sentra and koperasi screens read (the public lists, by name) and write (createSentra, createKoperasi). */
import { type ResultOf, graphql } from "../../../graphql";

export const AdminSentrasQuery = graphql(`
  query AdminSentras {
    sentras(first: 100) { totalCount nodes { id name regionCode regionName process product rawMaterial memberCount qualifies } }
  }
`);

export const AdminKoperasisQuery = graphql(`
  query AdminKoperasis {
    koperasis(first: 100) { totalCount nodes { id name regionCode regionName registrationNumber offtaker sharedFacility memberCount } }
  }
`);

export const AdminCreateSentra = graphql(`
  mutation AdminCreateSentra($input: SentraInput!) { createSentra(input: $input) { id name regionCode regionName } }
`);

export const AdminCreateKoperasi = graphql(`
  mutation AdminCreateKoperasi($input: KoperasiInput!) { createKoperasi(input: $input) { id name regionCode regionName } }
`);

export type SentraRow = ResultOf<typeof AdminSentrasQuery>["sentras"]["nodes"][number];
export type KoperasiRow = ResultOf<typeof AdminKoperasisQuery>["koperasis"]["nodes"][number];
