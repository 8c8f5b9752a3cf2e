/**
 * The sample checklist catalogue and the numbers sample requests are checked against, in one place,
 * written down 2026-12-03.
 *
 * Source of the catalogue: AIAG, "Production Part Approval Process (PPAP)", 4th edition, March 2006
 * (Automotive Industry Action Group, with Chrysler, Ford and General Motors), section 2.2: the 18
 * requirements a supplier's part submission may have to carry. The codes keep AIAG's order
 * ("PPAP-09" is its ninth element); the titles are AIAG's names, the Indonesian ones Jalin's
 * translation. Which of them a customer asks for is the customer's choice (PPAP's submission
 * levels 1 to 5); the default selection below is Jalin's, not AIAG's.
 */

export interface ChecklistElement {
  /** Stable code, e.g. "PPAP-09 DIMENSIONAL_RESULTS": what a request names and what stays in its items. */
  code: string;
  title: string;
  /** The title in Indonesian. */
  titleId: string;
}

export const PPAP_SOURCE = "AIAG Production Part Approval Process (PPAP), 4th edition (2006)";

export const PPAP_ELEMENTS: readonly ChecklistElement[] = [
  { code: "PPAP-01 DESIGN_RECORDS", title: "Design records", titleId: "Catatan desain (gambar teknik)" },
  { code: "PPAP-02 ENGINEERING_CHANGE_DOCUMENTS", title: "Authorized engineering change documents", titleId: "Dokumen perubahan rekayasa yang disahkan" },
  { code: "PPAP-03 CUSTOMER_ENGINEERING_APPROVAL", title: "Customer engineering approval", titleId: "Persetujuan rekayasa dari pelanggan" },
  { code: "PPAP-04 DESIGN_FMEA", title: "Design failure mode and effects analysis (DFMEA)", titleId: "Analisis mode dan dampak kegagalan desain (DFMEA)" },
  { code: "PPAP-05 PROCESS_FLOW_DIAGRAM", title: "Process flow diagram", titleId: "Diagram alir proses" },
  { code: "PPAP-06 PROCESS_FMEA", title: "Process failure mode and effects analysis (PFMEA)", titleId: "Analisis mode dan dampak kegagalan proses (PFMEA)" },
  { code: "PPAP-07 CONTROL_PLAN", title: "Control plan", titleId: "Rencana kendali (control plan)" },
  { code: "PPAP-08 MSA_STUDIES", title: "Measurement system analysis (MSA) studies", titleId: "Studi analisis sistem pengukuran (MSA)" },
  { code: "PPAP-09 DIMENSIONAL_RESULTS", title: "Dimensional results", titleId: "Hasil pengukuran dimensi" },
  { code: "PPAP-10 MATERIAL_PERFORMANCE_TESTS", title: "Records of material / performance test results", titleId: "Catatan hasil uji material / kinerja" },
  { code: "PPAP-11 INITIAL_PROCESS_STUDIES", title: "Initial process studies", titleId: "Studi kemampuan proses awal" },
  { code: "PPAP-12 QUALIFIED_LABORATORY", title: "Qualified laboratory documentation", titleId: "Dokumentasi laboratorium terkualifikasi" },
  { code: "PPAP-13 APPEARANCE_APPROVAL_REPORT", title: "Appearance approval report (AAR)", titleId: "Laporan persetujuan tampilan (AAR)" },
  { code: "PPAP-14 SAMPLE_PRODUCTION_PARTS", title: "Sample production parts", titleId: "Contoh komponen hasil produksi" },
  { code: "PPAP-15 MASTER_SAMPLE", title: "Master sample", titleId: "Sampel induk (master sample)" },
  { code: "PPAP-16 CHECKING_AIDS", title: "Checking aids", titleId: "Alat bantu pemeriksaan" },
  { code: "PPAP-17 CUSTOMER_SPECIFIC_REQUIREMENTS", title: "Customer-specific requirements", titleId: "Persyaratan khusus pelanggan" },
  { code: "PPAP-18 PART_SUBMISSION_WARRANT", title: "Part submission warrant (PSW)", titleId: "Surat jaminan penyerahan komponen (PSW)" },
];

/**
 * Jalin's default selection, asked when a request names no checklist: what a small first-tier
 * IKM (a job shop turning, stamping or casting to the buyer's drawing) can usually produce and a
 * buyer needs to judge a first sample. It is close to AIAG's submission level 2 (the warrant with
 * product samples and limited supporting data): the PSW (the supplier's signed statement that the
 * parts meet the drawing), the dimensional results and the material test results (the evidence
 * for that statement), the process flow diagram and control plan (how the IKM makes and checks
 * the part, which a buyer reads to judge whether the next lot will be like the sample) and the
 * sample parts themselves. Left out: the design records and DFMEA (the design is the buyer's),
 * MSA and initial process studies (they need a stable production run the IKM does not have yet),
 * and the laboratory, appearance and checking-aid elements, which a buyer asks for by name when
 * the part needs them.
 */
export const DEFAULT_CHECKLIST: readonly string[] = [
  "PPAP-18 PART_SUBMISSION_WARRANT",
  "PPAP-09 DIMENSIONAL_RESULTS",
  "PPAP-10 MATERIAL_PERFORMANCE_TESTS",
  "PPAP-05 PROCESS_FLOW_DIAGRAM",
  "PPAP-07 CONTROL_PLAN",
  "PPAP-14 SAMPLE_PRODUCTION_PARTS",
];

/** Jalin's own bounds on a sample request (no external standard sets them). */
export const SAMPLES = {
  /**
   * Most pieces one request asks of each IKM. PPAP's "significant production run" is 300
   * consecutive parts unless the customer says otherwise (4th edition, section 2.1); 1,000 leaves
   * room above it, and more than that is a trial order, not samples.
   */
  maxPieces: 1000,
  /**
   * A due date at most this many days ahead: half a year covers a new die or mould and its trial
   * run; a date further out is a project plan, not a sample request.
   */
  maxDueDays: 183,
  /** Checklist items per request: all 18 PPAP elements and up to 12 of the firm's own. */
  maxItems: 30,
  /** A custom item's code: capitals, digits, space, "-" and "_", like the catalogue's. */
  maxCodeLength: 60,
  maxTitleLength: 200,
  /** Where the checklist comes from, e.g. "AIAG PPAP 4th edition (2006)" or the firm's own manual. */
  maxSourceLength: 200,
  /** Instructions, a submission note, a decision's or a cancellation's reason. */
  maxTextLength: 4000,
  /** A remark on one checklist item. */
  maxRemarkLength: 1000,
  /** A document link (https only), as responses allow. */
  maxUrlLength: 2000,
} as const;
