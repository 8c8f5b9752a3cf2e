-- A need's contract period (issue 22): its last day of supply, inclusive.
-- AlterTable
ALTER TABLE "ComponentNeed" ADD COLUMN     "endDate" DATE;

-- Needs created before they had an end date run for the default term, NEED_PERIOD.defaultTermMonths
-- (src/domain/need-period.ts): startDate plus 12 months, less a day. A date plus an interval clamps
-- the day of month as the application's addMonths does (2027-01-31 plus a month is 2027-02-28).
UPDATE "ComponentNeed" SET "endDate" = ("startDate" + INTERVAL '12 months')::date - 1 WHERE "endDate" IS NULL;

-- A row written without an end date (older clients, seeds, plain SQL) gets the same default, so no
-- need is ever without a period; one with an end date must end after it starts.
CREATE OR REPLACE FUNCTION jalin_need_default_end() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."endDate" IS NULL THEN
    NEW."endDate" := (NEW."startDate" + INTERVAL '12 months')::date - 1;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER jalin_need_default_end BEFORE INSERT OR UPDATE OF "startDate", "endDate" ON "ComponentNeed"
  FOR EACH ROW EXECUTE FUNCTION jalin_need_default_end();

ALTER TABLE "ComponentNeed" ADD CONSTRAINT "ComponentNeed_endDate_after_start" CHECK ("endDate" > "startDate");
