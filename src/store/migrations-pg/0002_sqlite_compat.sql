-- SQL written for both engines leans on a few SQLite functions and habits; these
-- give PostgreSQL the same, so the queries stay one text (src/store/pg/translate.ts).
-- drizzle's SQLite builder inlines column defaults, e.g. strftime('%Y-%m-%dT%H:%M:%fZ','now').
CREATE OR REPLACE FUNCTION strftime(fmt text, t text) RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
  ts timestamp;
  pattern text := fmt;
BEGIN
  IF fmt IS NULL OR t IS NULL THEN RETURN NULL; END IF;
  IF t = 'now' THEN ts := now() AT TIME ZONE 'utc';
  ELSE
    BEGIN
      ts := (t::timestamptz) AT TIME ZONE 'utc';
    EXCEPTION WHEN others THEN RETURN NULL;
    END;
  END IF;
  IF pattern ~ '%[^YmdHMSfjsw%]' THEN
    RAISE EXCEPTION 'strftime format % is not supported on PostgreSQL', fmt;
  END IF;
  pattern := replace(pattern, '%%', chr(1));
  pattern := replace(pattern, '%Y', to_char(ts, 'YYYY'));
  pattern := replace(pattern, '%m', to_char(ts, 'MM'));
  pattern := replace(pattern, '%d', to_char(ts, 'DD'));
  pattern := replace(pattern, '%H', to_char(ts, 'HH24'));
  pattern := replace(pattern, '%M', to_char(ts, 'MI'));
  pattern := replace(pattern, '%f', to_char(ts, 'SS.MS'));
  pattern := replace(pattern, '%S', to_char(ts, 'SS'));
  pattern := replace(pattern, '%j', to_char(ts, 'DDD'));
  pattern := replace(pattern, '%w', (extract(dow FROM ts))::int::text);
  pattern := replace(pattern, '%s', (floor(extract(epoch FROM ts)))::bigint::text);
  RETURN replace(pattern, chr(1), '%');
END $$;
--> statement-breakpoint
-- json_extract(doc, '$.key') / '$."key"' as SQLite reads it, for object paths.
CREATE OR REPLACE FUNCTION json_extract(doc text, path text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE keys text[];
BEGIN
  IF doc IS NULL OR path IS NULL THEN RETURN NULL; END IF;
  SELECT array_agg(coalesce(m[1], m[2]) ORDER BY ord) INTO keys
    FROM regexp_matches(path, '\.(?:"([^"]*)"|([^."\[]+))', 'g') WITH ORDINALITY AS r(m, ord);
  RETURN (doc::jsonb) #>> coalesce(keys, '{}'::text[]);
EXCEPTION WHEN others THEN RETURN NULL;
END $$;
--> statement-breakpoint
-- date(t, modifier, …) for the modifiers repwatch uses: '±N days', 'weekday N', 'start of month'.
CREATE OR REPLACE FUNCTION date(t text, VARIADIC modifiers text[] DEFAULT '{}') RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  d date;
  m text;
  n int;
BEGIN
  IF t IS NULL THEN RETURN NULL; END IF;
  BEGIN
    d := (substr(t, 1, 10))::date;
  EXCEPTION WHEN others THEN RETURN NULL;
  END;
  FOREACH m IN ARRAY modifiers LOOP
    IF m ~ '^[+-]?[0-9]+ days?$' THEN
      d := d + (regexp_replace(m, ' days?$', ''))::int;
    ELSIF m ~ '^weekday [0-6]$' THEN
      n := (substr(m, 9))::int;
      d := d + ((n - extract(dow FROM d)::int + 7) % 7);
    ELSIF m = 'start of month' THEN
      d := date_trunc('month', d)::date;
    ELSE
      RAISE EXCEPTION 'date() modifier % is not supported on PostgreSQL', m;
    END IF;
  END LOOP;
  RETURN to_char(d, 'YYYY-MM-DD');
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION julianday(t text) RETURNS double precision LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF t IS NULL THEN RETURN NULL; END IF;
  RETURN extract(epoch FROM (t::timestamptz)) / 86400.0 + 2440587.5;
EXCEPTION WHEN others THEN RETURN NULL;
END $$;
--> statement-breakpoint
-- SQLite's total(): a sum that is 0.0, not NULL, over no rows.
CREATE OR REPLACE AGGREGATE total(double precision) (SFUNC = float8pl, STYPE = double precision, INITCOND = '0');
--> statement-breakpoint
-- json_each(text) with its `value` column, over the JSON arrays and objects stored as text.
CREATE OR REPLACE FUNCTION json_each(doc text) RETURNS TABLE (value text) LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE j jsonb;
BEGIN
  BEGIN
    j := doc::jsonb;
  EXCEPTION WHEN others THEN RETURN;
  END;
  IF jsonb_typeof(j) = 'array' THEN RETURN QUERY SELECT jsonb_array_elements_text(j);
  ELSIF jsonb_typeof(j) = 'object' THEN RETURN QUERY SELECT e.value FROM jsonb_each_text(j) e;
  END IF;
END $$;
--> statement-breakpoint
-- SQLite gives an INTEGER PRIMARY KEY inserted as NULL the next id, and
-- drizzle's SQLite builder writes NULL for every id it is not given.
CREATE OR REPLACE FUNCTION rw_fill_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS NULL THEN
    NEW.id := nextval(pg_get_serial_sequence(quote_ident(TG_TABLE_SCHEMA) || '.' || quote_ident(TG_TABLE_NAME), 'id'));
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT table_name FROM information_schema.columns
           WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES'
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT ON %I FOR EACH ROW EXECUTE FUNCTION rw_fill_id()', r.table_name || '_fill_id', r.table_name);
  END LOOP;
END $$;
--> statement-breakpoint
-- SQLite's comparisons are 0/1 integers, so sum(rating <= 2) counts; here they are booleans.
-- Like SQLite's sum, NULL over no rows (no INITCOND), and NULL inputs are skipped.
CREATE OR REPLACE FUNCTION rw_add_bool(acc bigint, b boolean) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN b IS NULL THEN acc ELSE coalesce(acc, 0) + CASE WHEN b THEN 1 ELSE 0 END END $$;
--> statement-breakpoint
CREATE OR REPLACE AGGREGATE sum(boolean) (SFUNC = rw_add_bool, STYPE = bigint);
--> statement-breakpoint
-- SQLite's two-argument min()/max() are scalar, and NULL when either side is.
CREATE OR REPLACE FUNCTION min(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN a IS NULL OR b IS NULL THEN NULL ELSE LEAST(a, b) END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION max(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN a IS NULL OR b IS NULL THEN NULL ELSE GREATEST(a, b) END $$;
