-- AlterTable
ALTER TABLE "ComponentNeed" ADD COLUMN     "matchWeights" JSONB;


-- Change feed for the in-memory match index (src/services/match-index.ts): after every statement
-- that touches what the matcher reads of an IKM, NOTIFY "jalin_ikm_changed" with the changed IKM ids
-- (comma separated), or "*" when a statement touched too many to list (bulk loads): every process
-- running an index refreshes from PostgreSQL, so writes by another process show up too.
-- Statement-level triggers with transition tables: one notification per statement, even for COPY.
CREATE FUNCTION jalin_notify_ikm_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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
  EXECUTE format('SELECT array_agg(DISTINCT x) FROM (SELECT * FROM (%s) s LIMIT 201) AS t(x)', sql) INTO ids;
  IF ids IS NULL THEN
    RETURN NULL;
  ELSIF cardinality(ids) > 200 THEN
    PERFORM pg_notify('jalin_ikm_changed', '*');
  ELSE
    PERFORM pg_notify('jalin_ikm_changed', array_to_string(ids, ','));
  END IF;
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('Ikm', 'id'), ('Capability', 'ikmId'), ('Certification', 'ikmId'), ('FiveRAudit', 'ikmId'),
    ('DeliveryRecord', 'ikmId'), ('SentraMembership', 'ikmId'), ('KoperasiMembership', 'ikmId'), ('Sentra', 'id')
  ) AS v(tbl, col) LOOP
    IF t.tbl <> 'Sentra' THEN
      EXECUTE format('CREATE TRIGGER jalin_ikm_changed_ins AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION jalin_notify_ikm_changed(%L)', t.tbl, t.col);
      EXECUTE format('CREATE TRIGGER jalin_ikm_changed_del AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION jalin_notify_ikm_changed(%L)', t.tbl, t.col);
    END IF;
    EXECUTE format('CREATE TRIGGER jalin_ikm_changed_upd AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION jalin_notify_ikm_changed(%L)', t.tbl, t.col);
  END LOOP;
END;
$$;
