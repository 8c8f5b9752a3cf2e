-- CreateEnum
CREATE TYPE "VocabularyKind" AS ENUM ('PROCESS', 'MATERIAL');

-- CreateTable
CREATE TABLE "VocabularyEntry" (
    "id" UUID NOT NULL,
    "word" TEXT NOT NULL,
    "kind" "VocabularyKind" NOT NULL,
    "process" "Process",
    "materialFamily" TEXT,
    "source" TEXT NOT NULL,
    "note" TEXT,
    "addedById" UUID,
    "addedByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VocabularyEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VocabularyEntry_createdAt_id_idx" ON "VocabularyEntry"("createdAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "VocabularyEntry_kind_word_key" ON "VocabularyEntry"("kind", "word");

-- AddForeignKey
ALTER TABLE "VocabularyEntry" ADD CONSTRAINT "VocabularyEntry_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- A PROCESS word names a process and no material family; a MATERIAL word the reverse.
ALTER TABLE "VocabularyEntry" ADD CONSTRAINT "VocabularyEntry_target_check" CHECK (
  ("kind" = 'PROCESS' AND "process" IS NOT NULL AND "materialFamily" IS NULL)
  OR ("kind" = 'MATERIAL' AND "process" IS NULL AND "materialFamily" IS NOT NULL)
);

-- Text search for words the vocabulary does not know (issue 23): trigram indexes over what IKMs
-- write about themselves, read with pg_trgm's word similarity operator (`term <% text`).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- A capability's materials as one text; IMMUTABLE (array_to_string is only STABLE) so it can be indexed.
CREATE FUNCTION jalin_words(text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(array_to_string($1, ' '), '') $$;

CREATE INDEX "Ikm_description_trgm_idx" ON "Ikm" USING gin ("description" gin_trgm_ops);
CREATE INDEX "Capability_notes_trgm_idx" ON "Capability" USING gin ("notes" gin_trgm_ops);
CREATE INDEX "Capability_materials_trgm_idx" ON "Capability" USING gin (jalin_words("materials") gin_trgm_ops);
CREATE INDEX "Machine_type_trgm_idx" ON "Machine" USING gin ("type" gin_trgm_ops);
