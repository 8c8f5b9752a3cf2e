-- The change feed listed the first 201 changed ROWS, not IKMs: a statement writing many rows for a
-- few IKMs (12 months of deliveries each) could name only some of them. Same function, ids made
-- distinct before the cap.
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
    PERFORM pg_notify('jalin_ikm_changed', '*');
  ELSE
    PERFORM pg_notify('jalin_ikm_changed', array_to_string(ids, ','));
  END IF;
  RETURN NULL;
END;
$$;
