-- The dashboard rollups of SQLite migration 0006 (mention_daily, negative_tag_state,
-- negative_tag_daily), kept in step by triggers with the same names and the same
-- results. Everything is created unqualified so the migration applies in whatever
-- schema search_path names; the functions that touch tables pin that search_path
-- (SET search_path FROM CURRENT), so the triggers also work from a session that
-- uses another one.
--
-- rollup_week(x) is SQLite's coalesce(date(x, '-6 days', 'weekday 1'), ''): the
-- Monday on or before x in UTC, '' for text SQLite does not read as a time. It
-- follows SQLite's date.c: YYYY-MM-DD (optionally negative), then any spaces or T,
-- then HH:MM[:SS[.fff]] with an optional Z or +HH:MM offset; a bare HH:MM... is on
-- 2000-01-01; a plain number is a Julian day number; day 31 of a short month rolls
-- into the next month; results outside Julian day 0..5373484.5 are ''. Seconds and
-- fractions are only checked, not added: they never move the day. It gives '' where
-- SQLite would not: for 'now'/'subsec' (the function must be immutable) and for
-- numbers longer than 200 characters or with a 5-digit exponent.
CREATE FUNCTION rollup_week(x text) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  dm text[];
  t text;
  dated boolean := false;
  y int := 2000; mo int := 1; d int := 1;
  h int := 0; mi int := 0; sec int := 0; tz int := 0;
  r numeric;
  jd bigint;
  a int; b int; c int; dd int; e int; z int; wd bigint;
BEGIN
  IF x IS NULL THEN RETURN ''; END IF;
  dm := regexp_match(x, '^(-?)([0-9]{4})-([0-9]{2})-([0-9]{2})');
  IF dm IS NOT NULL THEN
    mo := dm[3]::int;
    d := dm[4]::int;
    IF mo < 1 OR mo > 12 OR d < 1 OR d > 31 THEN RETURN ''; END IF;
    y := CASE WHEN dm[1] = '-' THEN -dm[2]::int ELSE dm[2]::int END;
    dated := true;
    t := regexp_replace(substr(x, length(dm[1]) + 11), '^[ \t\n\v\f\rT]*', '');
  ELSE
    t := x;
  END IF;

  IF dated AND t = '' THEN
    NULL;
  ELSIF t ~ '^[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?[ \t\n\v\f\r]*([zZ]|[+-][0-9]{2}:[0-9]{2})?[ \t\n\v\f\r]*$' THEN
    h := substr(t, 1, 2)::int;
    mi := substr(t, 4, 2)::int;
    IF h > 24 OR mi > 59 THEN RETURN ''; END IF;
    IF substr(t, 6, 1) = ':' THEN
      sec := substr(t, 7, 2)::int;
      IF sec > 59 THEN RETURN ''; END IF;
    END IF;
    dm := regexp_match(t, '([+-])([0-9]{2}):([0-9]{2})[ \t\n\v\f\r]*$');
    IF dm IS NOT NULL THEN
      IF dm[2]::int > 14 OR dm[3]::int > 59 THEN RETURN ''; END IF;
      tz := (dm[2]::int * 60 + dm[3]::int) * CASE WHEN dm[1] = '-' THEN -1 ELSE 1 END;
    END IF;
  ELSIF dated THEN
    RETURN '';
  ELSIF x ~ '^[ \t\n\v\f\r]*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?[ \t\n\v\f\r]*$' THEN
    -- Bounds that keep ::numeric from overflowing (no exception block, so the function
    -- stays parallel safe); past them only absurdly long numbers could still be a date.
    IF length(x) > 200 OR length(ltrim(coalesce(substring(x from '[eE][+-]?([0-9]+)'), ''), '0')) > 4 THEN RETURN ''; END IF;
    r := btrim(x, E' \t\n\v\f\r')::numeric;
    IF r < 0 OR r >= 5373484.5 THEN RETURN ''; END IF;
    jd := trunc(r::float8 * 86400000.0::float8 + 0.5::float8)::bigint;
  ELSE
    RETURN '';
  END IF;

  IF jd IS NULL THEN
    -- date.c computeJD, in integers: the C expression is exact in doubles.
    IF y < -4713 OR y > 9999 THEN RETURN ''; END IF;
    IF mo <= 2 THEN y := y - 1; mo := mo + 12; END IF;
    a := (y + 4800) / 100;
    b := 38 - a + (a / 4);
    jd := ((36525 * (y + 4716) / 100) + (306001 * (mo + 1) / 10000) + d + b - 1524)::bigint * 86400000 - 43200000
      + h * 3600000 + mi * 60000 + sec * 1000 - tz * 60000;
  END IF;

  jd := jd - 6 * 86400000::bigint;
  IF jd < 0 OR jd > 464269060799999 THEN RETURN ''; END IF;
  wd := ((jd + 129600000) / 86400000) % 7;
  IF wd > 1 THEN wd := wd - 7; END IF;
  jd := jd + (1 - wd) * 86400000;
  IF jd > 464269060799999 THEN RETURN ''; END IF;

  -- date.c computeYMD, with its double arithmetic and truncating casts.
  z := ((jd + 43200000) / 86400000)::int;
  a := trunc((z - 1867216.25::float8) / 36524.25::float8)::int;
  a := z + 1 + a - (a / 4);
  b := a + 1524;
  c := trunc((b - 122.1::float8) / 365.25::float8)::int;
  dd := (36525 * (c & 32767)) / 100;
  e := trunc((b - dd) / 30.6001::float8)::int;
  d := b - dd - trunc(30.6001::float8 * e)::int;
  mo := CASE WHEN e < 14 THEN e - 1 ELSE e - 13 END;
  y := CASE WHEN mo > 2 THEN c - 4716 ELSE c - 4715 END;
  RETURN CASE WHEN y < 0 THEN '-' ELSE '' END || lpad(abs(y)::text, 4, '0') || '-' || lpad(mo::text, 2, '0') || '-' || lpad(d::text, 2, '0');
END
$$;
--> statement-breakpoint
-- SQLite's json_valid, without raising on bad input. Not parallel safe: the exception
-- block is a subtransaction (PostgreSQL 15 has no pg_input_is_valid).
CREATE FUNCTION rollup_json_valid(doc text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF doc IS NULL THEN RETURN NULL; END IF;
  PERFORM doc::jsonb;
  RETURN true;
EXCEPTION WHEN data_exception OR program_limit_exceeded THEN
  RETURN false;
END
$$;
--> statement-breakpoint
-- The values SQLite's json_each(doc) yields, as text the way SQLite stores them in a
-- text column: an array's elements, an object's values, or a lone scalar itself;
-- true/false as 1/0, JSON null as NULL. Invalid JSON yields nothing.
CREATE FUNCTION rollup_json_values(doc text) RETURNS SETOF text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  j jsonb;
BEGIN
  BEGIN
    j := doc::jsonb;
  EXCEPTION WHEN data_exception OR program_limit_exceeded THEN
    RETURN;
  END;
  RETURN QUERY
    SELECT CASE jsonb_typeof(v)
        WHEN 'string' THEN v #>> '{}'
        WHEN 'null' THEN NULL
        WHEN 'boolean' THEN CASE WHEN v = 'true'::jsonb THEN '1' ELSE '0' END
        ELSE v::text
      END
    FROM (
      SELECT e AS v FROM jsonb_array_elements(CASE WHEN jsonb_typeof(j) = 'array' THEN j END) e
      UNION ALL SELECT o.value FROM jsonb_each(CASE WHEN jsonb_typeof(j) = 'object' THEN j END) o
      UNION ALL SELECT j WHERE jsonb_typeof(j) NOT IN ('array', 'object')
    ) s;
END
$$;
--> statement-breakpoint
-- The body every negative_tags_* trigger of 0006 repeats for one mention: take its
-- old row out of negative_tag_daily, rebuild its negative_tag_state row from the
-- current mention, latest task and latest analysis, and count it back in.
CREATE FUNCTION negative_tags_refresh(mid integer) RETURNS void LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  UPDATE negative_tag_daily SET negatives = negatives - (
      SELECT count(*) FROM negative_tag_state s, rollup_json_values(s.tags) j(value) WHERE s.mention_id = mid AND j.value = negative_tag_daily.tag)
    WHERE day = (SELECT day FROM negative_tag_state WHERE mention_id = mid)
      AND eff_day = (SELECT eff_day FROM negative_tag_state WHERE mention_id = mid)
      AND week = (SELECT week FROM negative_tag_state WHERE mention_id = mid)
      AND source = (SELECT source FROM negative_tag_state WHERE mention_id = mid)
      AND tag IN (SELECT j.value FROM negative_tag_state s, rollup_json_values(s.tags) j(value) WHERE s.mention_id = mid);
  DELETE FROM negative_tag_state WHERE mention_id = mid;
  -- COLLATE "C": SQLite's min()/max() on text compare bytes.
  INSERT INTO negative_tag_state (mention_id, day, eff_day, week, source, location, tags)
    SELECT m.id, substr(m.published_at, 1, 10), least(substr(m.published_at, 1, 10) COLLATE "C", substr(t.latest, 1, 10) COLLATE "C"),
      rollup_week(m.published_at), m.source, m.location, a.tags
    FROM mentions m, (SELECT max(created_at COLLATE "C") AS latest FROM tasks WHERE mention_id = mid) t, analyses a
    WHERE m.id = mid AND t.latest IS NOT NULL AND m.removed = 0 AND m.duplicate_of IS NULL AND m.published_at IS NOT NULL
      AND a.id = (SELECT max(id) FROM analyses WHERE mention_id = mid) AND rollup_json_valid(a.tags);
  INSERT INTO negative_tag_daily (day, eff_day, week, source, tag, negatives)
    SELECT s.day, s.eff_day, s.week, s.source, j.value, count(*)
    FROM negative_tag_state s, rollup_json_values(s.tags) j(value)
    WHERE s.mention_id = mid
    GROUP BY s.day, s.eff_day, s.week, s.source, j.value
    ON CONFLICT (day, eff_day, week, source, tag) DO UPDATE SET negatives = negative_tag_daily.negatives + excluded.negatives;
END
$$;
--> statement-breakpoint
CREATE FUNCTION mention_daily_rollup() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    IF old.removed = 0 AND old.duplicate_of IS NULL AND old.published_at IS NOT NULL THEN
      UPDATE mention_daily SET volume = volume - 1, rated = rated - (old.rating IS NOT NULL)::int, rating_sum = rating_sum - coalesce(old.rating, 0),
          negatives = negatives - coalesce((old.rating <= 2)::int, 0), positives = positives - coalesce((old.rating >= 4)::int, 0)
        WHERE day = substr(old.published_at, 1, 10) AND week = rollup_week(old.published_at) AND source = old.source
          AND location = coalesce(old.location, '') AND located = (old.location IS NOT NULL)::int;
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    IF new.removed = 0 AND new.duplicate_of IS NULL AND new.published_at IS NOT NULL THEN
      INSERT INTO mention_daily (day, week, source, location, located, volume, rated, rating_sum, negatives, positives)
        VALUES (substr(new.published_at, 1, 10), rollup_week(new.published_at), new.source, coalesce(new.location, ''), (new.location IS NOT NULL)::int, 1,
          (new.rating IS NOT NULL)::int, coalesce(new.rating, 0), coalesce((new.rating <= 2)::int, 0), coalesce((new.rating >= 4)::int, 0))
        ON CONFLICT (day, week, source, location, located) DO UPDATE SET volume = mention_daily.volume + 1, rated = mention_daily.rated + excluded.rated,
          rating_sum = mention_daily.rating_sum + excluded.rating_sum, negatives = mention_daily.negatives + excluded.negatives,
          positives = mention_daily.positives + excluded.positives;
    END IF;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- 0006's update triggers on tasks and analyses refresh the old mention, then the new one.
CREATE FUNCTION negative_tags_rollup() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_TABLE_NAME = 'mentions' THEN
    IF TG_OP = 'DELETE' THEN
      PERFORM negative_tags_refresh(old.id);
    ELSE
      PERFORM negative_tags_refresh(new.id);
    END IF;
  ELSE
    IF TG_OP IN ('DELETE', 'UPDATE') THEN PERFORM negative_tags_refresh(old.mention_id); END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM negative_tags_refresh(new.mention_id); END IF;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER mention_daily_insert AFTER INSERT ON mentions FOR EACH ROW
  WHEN (new.removed = 0 AND new.duplicate_of IS NULL AND new.published_at IS NOT NULL)
  EXECUTE FUNCTION mention_daily_rollup();
--> statement-breakpoint
CREATE TRIGGER mention_daily_delete AFTER DELETE ON mentions FOR EACH ROW
  WHEN (old.removed = 0 AND old.duplicate_of IS NULL AND old.published_at IS NOT NULL)
  EXECUTE FUNCTION mention_daily_rollup();
--> statement-breakpoint
CREATE TRIGGER mention_daily_update AFTER UPDATE OF published_at, source, location, rating, removed, duplicate_of ON mentions FOR EACH ROW
  WHEN (old.published_at IS DISTINCT FROM new.published_at OR old.source IS DISTINCT FROM new.source OR old.location IS DISTINCT FROM new.location
    OR old.rating IS DISTINCT FROM new.rating OR old.removed IS DISTINCT FROM new.removed OR old.duplicate_of IS DISTINCT FROM new.duplicate_of)
  EXECUTE FUNCTION mention_daily_rollup();
--> statement-breakpoint
CREATE TRIGGER negative_tags_task_insert AFTER INSERT ON tasks FOR EACH ROW EXECUTE FUNCTION negative_tags_rollup();
--> statement-breakpoint
CREATE TRIGGER negative_tags_task_delete AFTER DELETE ON tasks FOR EACH ROW EXECUTE FUNCTION negative_tags_rollup();
--> statement-breakpoint
CREATE TRIGGER negative_tags_task_update AFTER UPDATE OF mention_id, created_at ON tasks FOR EACH ROW
  WHEN (old.mention_id IS DISTINCT FROM new.mention_id OR old.created_at IS DISTINCT FROM new.created_at)
  EXECUTE FUNCTION negative_tags_rollup();
--> statement-breakpoint
CREATE TRIGGER negative_tags_analysis_insert AFTER INSERT ON analyses FOR EACH ROW EXECUTE FUNCTION negative_tags_rollup();
--> statement-breakpoint
CREATE TRIGGER negative_tags_analysis_delete AFTER DELETE ON analyses FOR EACH ROW EXECUTE FUNCTION negative_tags_rollup();
--> statement-breakpoint
CREATE TRIGGER negative_tags_analysis_update AFTER UPDATE OF mention_id, tags ON analyses FOR EACH ROW
  WHEN (old.mention_id IS DISTINCT FROM new.mention_id OR old.tags IS DISTINCT FROM new.tags)
  EXECUTE FUNCTION negative_tags_rollup();
--> statement-breakpoint
CREATE TRIGGER negative_tags_mention_update AFTER UPDATE OF published_at, source, location, removed, duplicate_of ON mentions FOR EACH ROW
  WHEN (old.published_at IS DISTINCT FROM new.published_at OR old.source IS DISTINCT FROM new.source OR old.location IS DISTINCT FROM new.location
    OR old.removed IS DISTINCT FROM new.removed OR old.duplicate_of IS DISTINCT FROM new.duplicate_of)
  EXECUTE FUNCTION negative_tags_rollup();
--> statement-breakpoint
CREATE TRIGGER negative_tags_mention_delete AFTER DELETE ON mentions FOR EACH ROW EXECUTE FUNCTION negative_tags_rollup();
--> statement-breakpoint
-- 0006 also backfilled the rollups from existing rows; kept so a database filled
-- before this migration (e.g. a restored dump) starts consistent.
INSERT INTO mention_daily (day, week, source, location, located, volume, rated, rating_sum, negatives, positives)
  SELECT substr(published_at, 1, 10), rollup_week(published_at), source, coalesce(location, ''), (location IS NOT NULL)::int, count(*), count(rating),
    coalesce(sum(rating), 0), coalesce(sum((rating <= 2)::int), 0), coalesce(sum((rating >= 4)::int), 0)
  FROM mentions m WHERE m.removed = 0 AND m.duplicate_of IS NULL AND m.published_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO negative_tag_state (mention_id, day, eff_day, week, source, location, tags)
  SELECT m.id, substr(m.published_at, 1, 10), least(substr(m.published_at, 1, 10) COLLATE "C", substr(t.latest, 1, 10) COLLATE "C"),
    rollup_week(m.published_at), m.source, m.location, a.tags
  FROM (SELECT mention_id, max(created_at COLLATE "C") AS latest FROM tasks GROUP BY mention_id) t
  JOIN mentions m ON m.id = t.mention_id
  JOIN analyses a ON a.id = (SELECT max(a2.id) FROM analyses a2 WHERE a2.mention_id = m.id)
  WHERE m.removed = 0 AND m.duplicate_of IS NULL AND m.published_at IS NOT NULL AND rollup_json_valid(a.tags);
--> statement-breakpoint
INSERT INTO negative_tag_daily (day, eff_day, week, source, tag, negatives)
  SELECT s.day, s.eff_day, s.week, s.source, j.value, count(*) FROM negative_tag_state s, rollup_json_values(s.tags) j(value) GROUP BY 1, 2, 3, 4, 5;
