-- AlterTable
ALTER TABLE "VocabularyEntry" ADD COLUMN     "specificProcess" "SpecificProcess";

-- The specific process a learned PROCESS word names (issue 23): it names the family too (process is set), and machine types holding it count as evidence; CHECK: only a PROCESS word may name one.
ALTER TABLE "VocabularyEntry" ADD CONSTRAINT "VocabularyEntry_specific_is_process" CHECK ("specificProcess" IS NULL OR (kind = 'PROCESS' AND process IS NOT NULL));
