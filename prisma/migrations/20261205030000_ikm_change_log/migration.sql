-- Durable change log for the match index snapshot (src/infra/match-index/snapshot.ts): which IKMs
-- changed, and in which transaction, so an index restored from a snapshot file catches up exactly the
-- IKMs changed since the PostgreSQL snapshot its columns were read in. Trigger-only (not in
-- schema.prisma): written by the same statement triggers that NOTIFY "jalin_ikm_changed".
--
-- One row per IKM, holding the xid of the newest transaction that changed it. That is enough: the
-- upsert locks the IKM's row, so two writers of one IKM are serialized and the later committer's xid
-- stays (a rolled-back writer leaves the earlier value). If the later writer is visible in a snapshot,
-- so is every earlier one (it committed before); if it is not, the IKM is re-read anyway.
-- The nil uuid stands for "*": a bulk change too large to list, which forces a full rebuild.
CREATE TABLE "IkmChange" (
  "ikmId" uuid PRIMARY KEY,
  "xid" xid8 NOT NULL
);
CREATE INDEX "IkmChange_xid_idx" ON "IkmChange" ("xid");

CREATE OR REPLACE FUNCTION jalin_record_ikm_changes(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  -- Sorted, so concurrent statements lock shared rows in one order (no deadlock between them).
  INSERT INTO "IkmChange" ("ikmId", "xid")
  SELECT DISTINCT x, pg_current_xact_id() FROM unnest(ids) AS u(x) ORDER BY 1
  ON CONFLICT ("ikmId") DO UPDATE SET "xid" = EXCLUDED."xid";
$$;

CREATE OR REPLACE FUNCTION jalin_notify_ikm_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  id_column text := TG_ARGV[0];
  ids uuid[];
  sql text := '';
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    sql := format('SELECT %I FROM new_rows', id_column);
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    sql := sql || CASE WHEN sql = '' THEN '' ELSE ' UNION ' END || format('SELECT %I FROM old_rows', id_column);
  END IF;
  IF TG_TABLE_NAME = 'Sentra' THEN
    sql := format('SELECT "ikmId" FROM "SentraMembership" WHERE "sentraId" IN (%s)', sql);
  ELSIF TG_TABLE_NAME = 'KoperasiMembership' THEN
    -- Every member's peer processes change when someone joins or leaves.
    sql := format('SELECT "ikmId" FROM "KoperasiMembership" WHERE "koperasiId" IN (%s) UNION %s',
                  replace(sql, '"ikmId"', '"koperasiId"'), sql);
  END IF;
  -- Distinct ids first, then the cap: a statement touching 1,000 rows of 50 IKMs lists all 50.
  EXECUTE format('SELECT array_agg(x) FROM (SELECT DISTINCT x FROM (%s) AS s(x) LIMIT 201) AS t', sql) INTO ids;
  IF ids IS NULL THEN
    RETURN NULL;
  ELSIF cardinality(ids) > 200 THEN
    PERFORM jalin_record_ikm_changes(ARRAY['00000000-0000-0000-0000-000000000000'::uuid]);
    PERFORM pg_notify('jalin_ikm_changed', '*');
  ELSE
    PERFORM jalin_record_ikm_changes(ids);
    PERFORM pg_notify('jalin_ikm_changed', array_to_string(ids, ','));
  END IF;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION jalin_notify_foundation_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM jalin_record_ikm_changes(ARRAY['00000000-0000-0000-0000-000000000000'::uuid]);
  PERFORM pg_notify('jalin_ikm_changed', '*');
  RETURN NULL;
END;
$$;

-- TRUNCATE fires no row or transition-table trigger: without these, IKMs emptied by a TRUNCATE (a
-- reseed, a test reset) would live on in a restored snapshot and in a running index.
CREATE OR REPLACE FUNCTION jalin_notify_all_ikms_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM jalin_record_ikm_changes(ARRAY['00000000-0000-0000-0000-000000000000'::uuid]);
  PERFORM pg_notify('jalin_ikm_changed', '*');
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Ikm', 'Capability', 'Certification', 'FiveRAudit', 'DeliveryRecord', 'SentraMembership',
                           'KoperasiMembership', 'Sentra', 'Mentorship', 'Partnership', 'Machine'] LOOP
    EXECUTE format('CREATE TRIGGER jalin_ikm_truncated AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION jalin_notify_all_ikms_changed()', t);
  END LOOP;
END;
$$;
