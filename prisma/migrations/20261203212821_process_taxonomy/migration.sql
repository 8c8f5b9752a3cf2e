-- CreateEnum
CREATE TYPE "SpecificProcess" AS ENUM ('SAND_CASTING', 'DIE_CASTING', 'INVESTMENT_CASTING', 'HOT_FORGING', 'COLD_FORGING', 'PROGRESSIVE_STAMPING', 'DEEP_DRAWING', 'TURNING', 'MILLING', 'GRINDING', 'DRILLING', 'CNC_TURNING', 'CNC_MILLING', 'EDM', 'MIG_MAG_WELDING', 'TIG_WELDING', 'SMAW_WELDING', 'SPOT_WELDING', 'LASER_CUTTING', 'PLASMA_CUTTING', 'CNC_PUNCHING', 'PRESS_BRAKE_BENDING', 'HARDENING_TEMPERING', 'CARBURIZING', 'INDUCTION_HARDENING', 'ELECTROPLATING', 'CHROME_PLATING', 'SPRAY_PAINTING', 'POWDER_COATING', 'HOT_DIP_GALVANIZING', 'ANODIZING');

-- AlterTable
ALTER TABLE "Capability" ADD COLUMN     "specificProcesses" "SpecificProcess"[] DEFAULT ARRAY[]::"SpecificProcess"[];

-- AlterTable
ALTER TABLE "ComponentNeed" ADD COLUMN     "specificProcesses" "SpecificProcess"[] DEFAULT ARRAY[]::"SpecificProcess"[];

-- CreateTable
CREATE TABLE "ProcessTaxonomy" (
    "code" "SpecificProcess" NOT NULL,
    "family" "Process" NOT NULL,
    "nameId" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "kbli" TEXT,
    "sources" TEXT[],

    CONSTRAINT "ProcessTaxonomy_pkey" PRIMARY KEY ("code")
);

-- CreateIndex
CREATE INDEX "ProcessTaxonomy_family_idx" ON "ProcessTaxonomy"("family");


-- The taxonomy's rows, as src/core/matching/taxonomy.ts lists them (test/integration/taxonomy.test.ts keeps them equal).
INSERT INTO "ProcessTaxonomy" ("code", "family", "nameId", "nameEn", "kbli", "sources") VALUES
  ('SAND_CASTING', 'CASTING', 'Pengecoran cetakan pasir', 'Sand casting', NULL, ARRAY['DIN 8580:2022-12 Manufacturing processes - Terms and definitions, division (primary shaping, forming, cutting, joining, coating, changing material properties)', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('DIE_CASTING', 'CASTING', 'Die casting (cetak tekan)', 'High-pressure die casting', '24320', ARRAY['NADCA Product Specification Standards for Die Castings (North American Die Casting Association, 2018)', 'DIN 8580:2022-12 Manufacturing processes - Terms and definitions, division (primary shaping, forming, cutting, joining, coating, changing material properties)', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('INVESTMENT_CASTING', 'CASTING', 'Pengecoran presisi (lost wax)', 'Investment casting (lost wax)', NULL, ARRAY['DIN 8580:2022-12 Manufacturing processes - Terms and definitions, division (primary shaping, forming, cutting, joining, coating, changing material properties)', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('HOT_FORGING', 'FORGING', 'Tempa panas', 'Hot forging', '25910', ARRAY['DIN 8580:2022-12 Manufacturing processes - Terms and definitions, division (primary shaping, forming, cutting, joining, coating, changing material properties)', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('COLD_FORGING', 'FORGING', 'Tempa dingin', 'Cold forging (cold heading)', '25910', ARRAY['DIN 8580:2022-12 Manufacturing processes - Terms and definitions, division (primary shaping, forming, cutting, joining, coating, changing material properties)', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('PROGRESSIVE_STAMPING', 'STAMPING', 'Stamping progresif', 'Progressive-die stamping', '25910', ARRAY['DIN 8580:2022-12 Manufacturing processes - Terms and definitions, division (primary shaping, forming, cutting, joining, coating, changing material properties)', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('DEEP_DRAWING', 'STAMPING', 'Deep drawing (tarik dalam)', 'Deep drawing', '25910', ARRAY['DIN 8580:2022-12 Manufacturing processes - Terms and definitions, division (primary shaping, forming, cutting, joining, coating, changing material properties)', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('TURNING', 'MACHINING_MANUAL', 'Bubut', 'Turning', '25920', ARRAY['DIN 8580:2022-12 Manufacturing processes - Terms and definitions, division (primary shaping, forming, cutting, joining, coating, changing material properties)', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('MILLING', 'MACHINING_MANUAL', 'Frais', 'Milling', '25920', ARRAY['DIN 8580:2022-12 Manufacturing processes - Terms and definitions, division (primary shaping, forming, cutting, joining, coating, changing material properties)', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('GRINDING', 'MACHINING_MANUAL', 'Gerinda', 'Grinding', '25920', ARRAY['DIN 8580:2022-12 Manufacturing processes - Terms and definitions, division (primary shaping, forming, cutting, joining, coating, changing material properties)', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('DRILLING', 'MACHINING_MANUAL', 'Bor (gurdi)', 'Drilling', '25920', ARRAY['DIN 8580:2022-12 Manufacturing processes - Terms and definitions, division (primary shaping, forming, cutting, joining, coating, changing material properties)', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('CNC_TURNING', 'MACHINING_CNC', 'Bubut CNC', 'CNC turning', '25920', ARRAY['DIN 8580:2022-12 Manufacturing processes - Terms and definitions, division (primary shaping, forming, cutting, joining, coating, changing material properties)', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('CNC_MILLING', 'MACHINING_CNC', 'Frais CNC (machining center)', 'CNC milling (machining centre)', '25920', ARRAY['DIN 8580:2022-12 Manufacturing processes - Terms and definitions, division (primary shaping, forming, cutting, joining, coating, changing material properties)', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('EDM', 'MACHINING_CNC', 'EDM (wire cut, sinker)', 'Electrical discharge machining (wire, sinker)', '25920', ARRAY['DIN 8580:2022-12 Manufacturing processes - Terms and definitions, division (primary shaping, forming, cutting, joining, coating, changing material properties)', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('MIG_MAG_WELDING', 'WELDING_FABRICATION', 'Las MIG/MAG (CO2)', 'MIG/MAG welding (GMAW)', '25920', ARRAY['AWS A3.0M/A3.0:2020 Standard Welding Terms and Definitions (GMAW, GTAW, SMAW, RSW)', 'ISO 4063:2023 Welding, brazing, soldering and cutting - Nomenclature of processes and reference numbers (111, 13x, 141, 21, 751, 83)', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('TIG_WELDING', 'WELDING_FABRICATION', 'Las TIG (argon)', 'TIG welding (GTAW)', '25920', ARRAY['AWS A3.0M/A3.0:2020 Standard Welding Terms and Definitions (GMAW, GTAW, SMAW, RSW)', 'ISO 4063:2023 Welding, brazing, soldering and cutting - Nomenclature of processes and reference numbers (111, 13x, 141, 21, 751, 83)', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('SMAW_WELDING', 'WELDING_FABRICATION', 'Las listrik (elektroda)', 'Shielded metal arc welding (SMAW)', '25920', ARRAY['AWS A3.0M/A3.0:2020 Standard Welding Terms and Definitions (GMAW, GTAW, SMAW, RSW)', 'ISO 4063:2023 Welding, brazing, soldering and cutting - Nomenclature of processes and reference numbers (111, 13x, 141, 21, 751, 83)', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('SPOT_WELDING', 'WELDING_FABRICATION', 'Las titik (spot)', 'Resistance spot welding', '25920', ARRAY['AWS A3.0M/A3.0:2020 Standard Welding Terms and Definitions (GMAW, GTAW, SMAW, RSW)', 'ISO 4063:2023 Welding, brazing, soldering and cutting - Nomenclature of processes and reference numbers (111, 13x, 141, 21, 751, 83)', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('LASER_CUTTING', 'SHEET_METAL', 'Potong laser', 'Laser cutting', '25920', ARRAY['ISO 4063:2023 Welding, brazing, soldering and cutting - Nomenclature of processes and reference numbers (111, 13x, 141, 21, 751, 83)', 'DIN 8580:2022-12 Manufacturing processes - Terms and definitions, division (primary shaping, forming, cutting, joining, coating, changing material properties)', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('PLASMA_CUTTING', 'SHEET_METAL', 'Potong plasma', 'Plasma cutting', '25920', ARRAY['ISO 4063:2023 Welding, brazing, soldering and cutting - Nomenclature of processes and reference numbers (111, 13x, 141, 21, 751, 83)', 'DIN 8580:2022-12 Manufacturing processes - Terms and definitions, division (primary shaping, forming, cutting, joining, coating, changing material properties)', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('CNC_PUNCHING', 'SHEET_METAL', 'Punching CNC (turret)', 'CNC turret punching', '25910', ARRAY['DIN 8580:2022-12 Manufacturing processes - Terms and definitions, division (primary shaping, forming, cutting, joining, coating, changing material properties)', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('PRESS_BRAKE_BENDING', 'SHEET_METAL', 'Tekuk plat (press brake)', 'Press-brake bending', '25910', ARRAY['DIN 8580:2022-12 Manufacturing processes - Terms and definitions, division (primary shaping, forming, cutting, joining, coating, changing material properties)', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('HARDENING_TEMPERING', 'HEAT_TREATMENT', 'Sepuh keras dan temper', 'Hardening and tempering', '25920', ARRAY['ISO 4885:2018 Ferrous materials - Heat treatments - Vocabulary', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('CARBURIZING', 'HEAT_TREATMENT', 'Karburasi', 'Carburizing (case hardening)', '25920', ARRAY['ISO 4885:2018 Ferrous materials - Heat treatments - Vocabulary', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('INDUCTION_HARDENING', 'HEAT_TREATMENT', 'Pengerasan induksi', 'Induction hardening', '25920', ARRAY['ISO 4885:2018 Ferrous materials - Heat treatments - Vocabulary', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('ELECTROPLATING', 'PLATING_PAINTING', 'Lapis listrik seng/nikel/tembaga', 'Electroplating (zinc, nickel, copper)', '25920', ARRAY['ISO 2080:2008 Metallic and other inorganic coatings - Surface treatment, metallic and other inorganic coatings - Vocabulary', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('CHROME_PLATING', 'PLATING_PAINTING', 'Lapis krom', 'Chromium plating', '25920', ARRAY['ISO 2080:2008 Metallic and other inorganic coatings - Surface treatment, metallic and other inorganic coatings - Vocabulary', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('SPRAY_PAINTING', 'PLATING_PAINTING', 'Cat semprot', 'Wet spray painting', '25920', ARRAY['ISO 12944-5:2019 Paints and varnishes - Corrosion protection of steel structures by protective paint systems', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('POWDER_COATING', 'PLATING_PAINTING', 'Cat bubuk (powder coating)', 'Powder coating', '25920', ARRAY['ISO 12944-5:2019 Paints and varnishes - Corrosion protection of steel structures by protective paint systems', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('HOT_DIP_GALVANIZING', 'PLATING_PAINTING', 'Galvanis celup panas', 'Hot-dip galvanizing', '25920', ARRAY['ISO 1461:2022 Hot dip galvanized coatings on fabricated iron and steel articles', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]),
  ('ANODIZING', 'PLATING_PAINTING', 'Anodisasi', 'Anodizing (aluminium)', '25920', ARRAY['ISO 2080:2008 Metallic and other inorganic coatings - Surface treatment, metallic and other inorganic coatings - Vocabulary', 'ISIC Rev. 4 (UN Statistics Division, 2008) classes 2431, 2432, 2591, 2592 and their explanatory notes; KBLI 2020 (Peraturan BPS No. 2 Tahun 2020) classes 24310, 24320, 25910, 25920']::text[]);

-- A capability's specific processes belong to its family; a need's to one of its processes. The
-- API checks the same (features/common/validation.ts) and answers BAD_USER_INPUT; these keep rows
-- written any other way honest. Fired only for rows that name a specific process.
CREATE FUNCTION jalin_capability_specifics_in_family() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  outside text;
BEGIN
  SELECT string_agg(t.code::text, ', ') INTO outside
    FROM "ProcessTaxonomy" t
   WHERE t.code = ANY (NEW."specificProcesses") AND t.family <> NEW.process;
  IF outside IS NOT NULL THEN
    RAISE EXCEPTION 'specific processes % are not % processes', outside, NEW.process USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "Capability_specifics_in_family"
  BEFORE INSERT OR UPDATE OF process, "specificProcesses" ON "Capability"
  FOR EACH ROW WHEN (cardinality(NEW."specificProcesses") > 0)
  EXECUTE FUNCTION jalin_capability_specifics_in_family();

CREATE FUNCTION jalin_need_specifics_in_families() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  outside text;
BEGIN
  SELECT string_agg(t.code::text, ', ') INTO outside
    FROM "ProcessTaxonomy" t
   WHERE t.code = ANY (NEW."specificProcesses") AND NOT (t.family = ANY (NEW.processes));
  IF outside IS NOT NULL THEN
    RAISE EXCEPTION 'specific processes % are under no process of the need', outside USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "ComponentNeed_specifics_in_families"
  BEFORE INSERT OR UPDATE OF processes, "specificProcesses" ON "ComponentNeed"
  FOR EACH ROW WHEN (cardinality(NEW."specificProcesses") > 0)
  EXECUTE FUNCTION jalin_need_specifics_in_families();

-- Machines on file are evidence of specific processes: their writes feed the match index through the
-- same change feed as the IKM's other rows.
CREATE TRIGGER jalin_ikm_changed_ins AFTER INSERT ON "Machine" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION jalin_notify_ikm_changed('ikmId');
CREATE TRIGGER jalin_ikm_changed_del AFTER DELETE ON "Machine" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION jalin_notify_ikm_changed('ikmId');
CREATE TRIGGER jalin_ikm_changed_upd AFTER UPDATE ON "Machine" REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION jalin_notify_ikm_changed('ikmId');
