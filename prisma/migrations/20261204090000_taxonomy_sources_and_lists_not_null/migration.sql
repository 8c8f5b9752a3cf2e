-- Issue 23 review: the taxonomy's sources named ISO 4063's old number 751 for laser cutting (it is 84;
-- plasma cutting is 83) and ISO 12944-5, a standard for liquid protective paint, for powder coating
-- (ISO 8130, coating powders). src/core/matching/taxonomy.ts says the same; the taxonomy test keeps
-- the two equal.
UPDATE "ProcessTaxonomy"
   SET "sources" = array_replace("sources",
     'ISO 4063:2023 Welding, brazing, soldering and cutting - Nomenclature of processes and reference numbers (111, 13x, 141, 21, 751, 83)',
     'ISO 4063:2023 Welding, brazing, soldering and cutting - Nomenclature of processes and reference numbers (111 SMAW, 13x MIG/MAG, 141 TIG, 21 spot welding, 83 plasma cutting, 84 laser cutting)');
UPDATE "ProcessTaxonomy"
   SET "sources" = array_replace("sources",
     'ISO 12944-5:2019 Paints and varnishes - Corrosion protection of steel structures by protective paint systems',
     'ISO 8130 (all parts) Coating powders, the series that defines and tests the powders of powder coating')
 WHERE "code" = 'POWDER_COATING';

-- A capability or need written with specificProcesses NULL (by SQL, not through Jalin) broke reads
-- that expect a list: a list it is, empty when none is named.
UPDATE "Capability" SET "specificProcesses" = '{}' WHERE "specificProcesses" IS NULL;
UPDATE "ComponentNeed" SET "specificProcesses" = '{}' WHERE "specificProcesses" IS NULL;
ALTER TABLE "Capability" ALTER COLUMN "specificProcesses" SET NOT NULL;
ALTER TABLE "ComponentNeed" ALTER COLUMN "specificProcesses" SET NOT NULL;
