CREATE TABLE `mention_daily` (
	`day` text NOT NULL,
	`week` text NOT NULL,
	`source` text NOT NULL,
	`location` text NOT NULL,
	`located` integer NOT NULL,
	`volume` integer NOT NULL,
	`rated` integer NOT NULL,
	`rating_sum` real NOT NULL,
	`negatives` integer NOT NULL,
	`positives` integer NOT NULL,
	PRIMARY KEY(`day`, `week`, `source`, `location`, `located`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `negative_tag_daily` (
	`day` text NOT NULL,
	`eff_day` text NOT NULL,
	`week` text NOT NULL,
	`source` text NOT NULL,
	`tag` text NOT NULL,
	`negatives` integer NOT NULL,
	PRIMARY KEY(`day`, `eff_day`, `week`, `source`, `tag`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `negative_tag_state` (
	`mention_id` integer PRIMARY KEY NOT NULL,
	`day` text NOT NULL,
	`eff_day` text NOT NULL,
	`week` text NOT NULL,
	`source` text NOT NULL,
	`location` text,
	`tags` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `negative_tag_state_location` ON `negative_tag_state` (`location`,`day`);--> statement-breakpoint
DROP INDEX `mentions_location`;--> statement-breakpoint
CREATE INDEX `mentions_location` ON `mentions` (`location`,`source`);
--> statement-breakpoint
CREATE TRIGGER mention_daily_insert AFTER INSERT ON mentions WHEN new.removed = 0 and new.duplicate_of is null and new.published_at is not null BEGIN
  insert into mention_daily (day, week, source, location, located, volume, rated, rating_sum, negatives, positives)
  select substr(new.published_at, 1, 10), coalesce(date(new.published_at, '-6 days', 'weekday 1'), ''), new.source, coalesce(new.location, ''), new.location is not null, 1, new.rating is not null, coalesce(new.rating, 0), coalesce(new.rating <= 2, 0), coalesce(new.rating >= 4, 0)
  where new.removed = 0 and new.duplicate_of is null and new.published_at is not null
  on conflict (day, week, source, location, located) do update set volume = volume + 1, rated = rated + excluded.rated, rating_sum = rating_sum + excluded.rating_sum, negatives = negatives + excluded.negatives, positives = positives + excluded.positives;
END;
--> statement-breakpoint
CREATE TRIGGER mention_daily_delete AFTER DELETE ON mentions WHEN old.removed = 0 and old.duplicate_of is null and old.published_at is not null BEGIN
  update mention_daily set volume = volume - 1, rated = rated - (old.rating is not null), rating_sum = rating_sum - coalesce(old.rating, 0), negatives = negatives - coalesce(old.rating <= 2, 0), positives = positives - coalesce(old.rating >= 4, 0)
  where day = substr(old.published_at, 1, 10) and week = coalesce(date(old.published_at, '-6 days', 'weekday 1'), '') and source = old.source and location = coalesce(old.location, '') and located = (old.location is not null) and old.removed = 0 and old.duplicate_of is null and old.published_at is not null;
END;
--> statement-breakpoint
CREATE TRIGGER mention_daily_update AFTER UPDATE OF published_at, source, location, rating, removed, duplicate_of ON mentions WHEN old.published_at is not new.published_at or old.source is not new.source or old.location is not new.location or old.rating is not new.rating or old.removed is not new.removed or old.duplicate_of is not new.duplicate_of BEGIN
  update mention_daily set volume = volume - 1, rated = rated - (old.rating is not null), rating_sum = rating_sum - coalesce(old.rating, 0), negatives = negatives - coalesce(old.rating <= 2, 0), positives = positives - coalesce(old.rating >= 4, 0)
  where day = substr(old.published_at, 1, 10) and week = coalesce(date(old.published_at, '-6 days', 'weekday 1'), '') and source = old.source and location = coalesce(old.location, '') and located = (old.location is not null) and old.removed = 0 and old.duplicate_of is null and old.published_at is not null;
  insert into mention_daily (day, week, source, location, located, volume, rated, rating_sum, negatives, positives)
  select substr(new.published_at, 1, 10), coalesce(date(new.published_at, '-6 days', 'weekday 1'), ''), new.source, coalesce(new.location, ''), new.location is not null, 1, new.rating is not null, coalesce(new.rating, 0), coalesce(new.rating <= 2, 0), coalesce(new.rating >= 4, 0)
  where new.removed = 0 and new.duplicate_of is null and new.published_at is not null
  on conflict (day, week, source, location, located) do update set volume = volume + 1, rated = rated + excluded.rated, rating_sum = rating_sum + excluded.rating_sum, negatives = negatives + excluded.negatives, positives = positives + excluded.positives;
END;
--> statement-breakpoint
CREATE TRIGGER negative_tags_task_insert AFTER INSERT ON tasks BEGIN
  update negative_tag_daily set negatives = negatives - (select count(*) from negative_tag_state s, json_each(s.tags) j where s.mention_id = new.mention_id and j.value = negative_tag_daily.tag)
    where day = (select day from negative_tag_state where mention_id = new.mention_id) and eff_day = (select eff_day from negative_tag_state where mention_id = new.mention_id) and week = (select week from negative_tag_state where mention_id = new.mention_id) and source = (select source from negative_tag_state where mention_id = new.mention_id)
      and tag in (select j.value from negative_tag_state s, json_each(s.tags) j where s.mention_id = new.mention_id);
  delete from negative_tag_state where mention_id = new.mention_id;
  insert into negative_tag_state (mention_id, day, eff_day, week, source, location, tags)
    select m.id, substr(m.published_at, 1, 10), min(substr(m.published_at, 1, 10), substr(t.latest, 1, 10)), coalesce(date(m.published_at, '-6 days', 'weekday 1'), ''), m.source, m.location, a.tags
    from mentions m, (select max(created_at) as latest from tasks where mention_id = new.mention_id) t, analyses a
    where m.id = new.mention_id and t.latest is not null and m.removed = 0 and m.duplicate_of is null and m.published_at is not null and a.id = (select max(id) from analyses where mention_id = new.mention_id) and json_valid(a.tags);
  insert into negative_tag_daily (day, eff_day, week, source, tag, negatives)
    select s.day, s.eff_day, s.week, s.source, j.value, count(*) from negative_tag_state s, json_each(s.tags) j where s.mention_id = new.mention_id group by j.value
    on conflict (day, eff_day, week, source, tag) do update set negatives = negatives + excluded.negatives;
END;
--> statement-breakpoint
CREATE TRIGGER negative_tags_task_delete AFTER DELETE ON tasks BEGIN
  update negative_tag_daily set negatives = negatives - (select count(*) from negative_tag_state s, json_each(s.tags) j where s.mention_id = old.mention_id and j.value = negative_tag_daily.tag)
    where day = (select day from negative_tag_state where mention_id = old.mention_id) and eff_day = (select eff_day from negative_tag_state where mention_id = old.mention_id) and week = (select week from negative_tag_state where mention_id = old.mention_id) and source = (select source from negative_tag_state where mention_id = old.mention_id)
      and tag in (select j.value from negative_tag_state s, json_each(s.tags) j where s.mention_id = old.mention_id);
  delete from negative_tag_state where mention_id = old.mention_id;
  insert into negative_tag_state (mention_id, day, eff_day, week, source, location, tags)
    select m.id, substr(m.published_at, 1, 10), min(substr(m.published_at, 1, 10), substr(t.latest, 1, 10)), coalesce(date(m.published_at, '-6 days', 'weekday 1'), ''), m.source, m.location, a.tags
    from mentions m, (select max(created_at) as latest from tasks where mention_id = old.mention_id) t, analyses a
    where m.id = old.mention_id and t.latest is not null and m.removed = 0 and m.duplicate_of is null and m.published_at is not null and a.id = (select max(id) from analyses where mention_id = old.mention_id) and json_valid(a.tags);
  insert into negative_tag_daily (day, eff_day, week, source, tag, negatives)
    select s.day, s.eff_day, s.week, s.source, j.value, count(*) from negative_tag_state s, json_each(s.tags) j where s.mention_id = old.mention_id group by j.value
    on conflict (day, eff_day, week, source, tag) do update set negatives = negatives + excluded.negatives;
END;
--> statement-breakpoint
CREATE TRIGGER negative_tags_task_update AFTER UPDATE OF mention_id, created_at ON tasks WHEN old.mention_id is not new.mention_id or old.created_at is not new.created_at BEGIN
  update negative_tag_daily set negatives = negatives - (select count(*) from negative_tag_state s, json_each(s.tags) j where s.mention_id = old.mention_id and j.value = negative_tag_daily.tag)
    where day = (select day from negative_tag_state where mention_id = old.mention_id) and eff_day = (select eff_day from negative_tag_state where mention_id = old.mention_id) and week = (select week from negative_tag_state where mention_id = old.mention_id) and source = (select source from negative_tag_state where mention_id = old.mention_id)
      and tag in (select j.value from negative_tag_state s, json_each(s.tags) j where s.mention_id = old.mention_id);
  delete from negative_tag_state where mention_id = old.mention_id;
  insert into negative_tag_state (mention_id, day, eff_day, week, source, location, tags)
    select m.id, substr(m.published_at, 1, 10), min(substr(m.published_at, 1, 10), substr(t.latest, 1, 10)), coalesce(date(m.published_at, '-6 days', 'weekday 1'), ''), m.source, m.location, a.tags
    from mentions m, (select max(created_at) as latest from tasks where mention_id = old.mention_id) t, analyses a
    where m.id = old.mention_id and t.latest is not null and m.removed = 0 and m.duplicate_of is null and m.published_at is not null and a.id = (select max(id) from analyses where mention_id = old.mention_id) and json_valid(a.tags);
  insert into negative_tag_daily (day, eff_day, week, source, tag, negatives)
    select s.day, s.eff_day, s.week, s.source, j.value, count(*) from negative_tag_state s, json_each(s.tags) j where s.mention_id = old.mention_id group by j.value
    on conflict (day, eff_day, week, source, tag) do update set negatives = negatives + excluded.negatives;
  update negative_tag_daily set negatives = negatives - (select count(*) from negative_tag_state s, json_each(s.tags) j where s.mention_id = new.mention_id and j.value = negative_tag_daily.tag)
    where day = (select day from negative_tag_state where mention_id = new.mention_id) and eff_day = (select eff_day from negative_tag_state where mention_id = new.mention_id) and week = (select week from negative_tag_state where mention_id = new.mention_id) and source = (select source from negative_tag_state where mention_id = new.mention_id)
      and tag in (select j.value from negative_tag_state s, json_each(s.tags) j where s.mention_id = new.mention_id);
  delete from negative_tag_state where mention_id = new.mention_id;
  insert into negative_tag_state (mention_id, day, eff_day, week, source, location, tags)
    select m.id, substr(m.published_at, 1, 10), min(substr(m.published_at, 1, 10), substr(t.latest, 1, 10)), coalesce(date(m.published_at, '-6 days', 'weekday 1'), ''), m.source, m.location, a.tags
    from mentions m, (select max(created_at) as latest from tasks where mention_id = new.mention_id) t, analyses a
    where m.id = new.mention_id and t.latest is not null and m.removed = 0 and m.duplicate_of is null and m.published_at is not null and a.id = (select max(id) from analyses where mention_id = new.mention_id) and json_valid(a.tags);
  insert into negative_tag_daily (day, eff_day, week, source, tag, negatives)
    select s.day, s.eff_day, s.week, s.source, j.value, count(*) from negative_tag_state s, json_each(s.tags) j where s.mention_id = new.mention_id group by j.value
    on conflict (day, eff_day, week, source, tag) do update set negatives = negatives + excluded.negatives;
END;
--> statement-breakpoint
CREATE TRIGGER negative_tags_analysis_insert AFTER INSERT ON analyses BEGIN
  update negative_tag_daily set negatives = negatives - (select count(*) from negative_tag_state s, json_each(s.tags) j where s.mention_id = new.mention_id and j.value = negative_tag_daily.tag)
    where day = (select day from negative_tag_state where mention_id = new.mention_id) and eff_day = (select eff_day from negative_tag_state where mention_id = new.mention_id) and week = (select week from negative_tag_state where mention_id = new.mention_id) and source = (select source from negative_tag_state where mention_id = new.mention_id)
      and tag in (select j.value from negative_tag_state s, json_each(s.tags) j where s.mention_id = new.mention_id);
  delete from negative_tag_state where mention_id = new.mention_id;
  insert into negative_tag_state (mention_id, day, eff_day, week, source, location, tags)
    select m.id, substr(m.published_at, 1, 10), min(substr(m.published_at, 1, 10), substr(t.latest, 1, 10)), coalesce(date(m.published_at, '-6 days', 'weekday 1'), ''), m.source, m.location, a.tags
    from mentions m, (select max(created_at) as latest from tasks where mention_id = new.mention_id) t, analyses a
    where m.id = new.mention_id and t.latest is not null and m.removed = 0 and m.duplicate_of is null and m.published_at is not null and a.id = (select max(id) from analyses where mention_id = new.mention_id) and json_valid(a.tags);
  insert into negative_tag_daily (day, eff_day, week, source, tag, negatives)
    select s.day, s.eff_day, s.week, s.source, j.value, count(*) from negative_tag_state s, json_each(s.tags) j where s.mention_id = new.mention_id group by j.value
    on conflict (day, eff_day, week, source, tag) do update set negatives = negatives + excluded.negatives;
END;
--> statement-breakpoint
CREATE TRIGGER negative_tags_analysis_delete AFTER DELETE ON analyses BEGIN
  update negative_tag_daily set negatives = negatives - (select count(*) from negative_tag_state s, json_each(s.tags) j where s.mention_id = old.mention_id and j.value = negative_tag_daily.tag)
    where day = (select day from negative_tag_state where mention_id = old.mention_id) and eff_day = (select eff_day from negative_tag_state where mention_id = old.mention_id) and week = (select week from negative_tag_state where mention_id = old.mention_id) and source = (select source from negative_tag_state where mention_id = old.mention_id)
      and tag in (select j.value from negative_tag_state s, json_each(s.tags) j where s.mention_id = old.mention_id);
  delete from negative_tag_state where mention_id = old.mention_id;
  insert into negative_tag_state (mention_id, day, eff_day, week, source, location, tags)
    select m.id, substr(m.published_at, 1, 10), min(substr(m.published_at, 1, 10), substr(t.latest, 1, 10)), coalesce(date(m.published_at, '-6 days', 'weekday 1'), ''), m.source, m.location, a.tags
    from mentions m, (select max(created_at) as latest from tasks where mention_id = old.mention_id) t, analyses a
    where m.id = old.mention_id and t.latest is not null and m.removed = 0 and m.duplicate_of is null and m.published_at is not null and a.id = (select max(id) from analyses where mention_id = old.mention_id) and json_valid(a.tags);
  insert into negative_tag_daily (day, eff_day, week, source, tag, negatives)
    select s.day, s.eff_day, s.week, s.source, j.value, count(*) from negative_tag_state s, json_each(s.tags) j where s.mention_id = old.mention_id group by j.value
    on conflict (day, eff_day, week, source, tag) do update set negatives = negatives + excluded.negatives;
END;
--> statement-breakpoint
CREATE TRIGGER negative_tags_analysis_update AFTER UPDATE OF mention_id, tags ON analyses WHEN old.mention_id is not new.mention_id or old.tags is not new.tags BEGIN
  update negative_tag_daily set negatives = negatives - (select count(*) from negative_tag_state s, json_each(s.tags) j where s.mention_id = old.mention_id and j.value = negative_tag_daily.tag)
    where day = (select day from negative_tag_state where mention_id = old.mention_id) and eff_day = (select eff_day from negative_tag_state where mention_id = old.mention_id) and week = (select week from negative_tag_state where mention_id = old.mention_id) and source = (select source from negative_tag_state where mention_id = old.mention_id)
      and tag in (select j.value from negative_tag_state s, json_each(s.tags) j where s.mention_id = old.mention_id);
  delete from negative_tag_state where mention_id = old.mention_id;
  insert into negative_tag_state (mention_id, day, eff_day, week, source, location, tags)
    select m.id, substr(m.published_at, 1, 10), min(substr(m.published_at, 1, 10), substr(t.latest, 1, 10)), coalesce(date(m.published_at, '-6 days', 'weekday 1'), ''), m.source, m.location, a.tags
    from mentions m, (select max(created_at) as latest from tasks where mention_id = old.mention_id) t, analyses a
    where m.id = old.mention_id and t.latest is not null and m.removed = 0 and m.duplicate_of is null and m.published_at is not null and a.id = (select max(id) from analyses where mention_id = old.mention_id) and json_valid(a.tags);
  insert into negative_tag_daily (day, eff_day, week, source, tag, negatives)
    select s.day, s.eff_day, s.week, s.source, j.value, count(*) from negative_tag_state s, json_each(s.tags) j where s.mention_id = old.mention_id group by j.value
    on conflict (day, eff_day, week, source, tag) do update set negatives = negatives + excluded.negatives;
  update negative_tag_daily set negatives = negatives - (select count(*) from negative_tag_state s, json_each(s.tags) j where s.mention_id = new.mention_id and j.value = negative_tag_daily.tag)
    where day = (select day from negative_tag_state where mention_id = new.mention_id) and eff_day = (select eff_day from negative_tag_state where mention_id = new.mention_id) and week = (select week from negative_tag_state where mention_id = new.mention_id) and source = (select source from negative_tag_state where mention_id = new.mention_id)
      and tag in (select j.value from negative_tag_state s, json_each(s.tags) j where s.mention_id = new.mention_id);
  delete from negative_tag_state where mention_id = new.mention_id;
  insert into negative_tag_state (mention_id, day, eff_day, week, source, location, tags)
    select m.id, substr(m.published_at, 1, 10), min(substr(m.published_at, 1, 10), substr(t.latest, 1, 10)), coalesce(date(m.published_at, '-6 days', 'weekday 1'), ''), m.source, m.location, a.tags
    from mentions m, (select max(created_at) as latest from tasks where mention_id = new.mention_id) t, analyses a
    where m.id = new.mention_id and t.latest is not null and m.removed = 0 and m.duplicate_of is null and m.published_at is not null and a.id = (select max(id) from analyses where mention_id = new.mention_id) and json_valid(a.tags);
  insert into negative_tag_daily (day, eff_day, week, source, tag, negatives)
    select s.day, s.eff_day, s.week, s.source, j.value, count(*) from negative_tag_state s, json_each(s.tags) j where s.mention_id = new.mention_id group by j.value
    on conflict (day, eff_day, week, source, tag) do update set negatives = negatives + excluded.negatives;
END;
--> statement-breakpoint
CREATE TRIGGER negative_tags_mention_update AFTER UPDATE OF published_at, source, location, removed, duplicate_of ON mentions WHEN old.published_at is not new.published_at or old.source is not new.source or old.location is not new.location or old.removed is not new.removed or old.duplicate_of is not new.duplicate_of BEGIN
  update negative_tag_daily set negatives = negatives - (select count(*) from negative_tag_state s, json_each(s.tags) j where s.mention_id = new.id and j.value = negative_tag_daily.tag)
    where day = (select day from negative_tag_state where mention_id = new.id) and eff_day = (select eff_day from negative_tag_state where mention_id = new.id) and week = (select week from negative_tag_state where mention_id = new.id) and source = (select source from negative_tag_state where mention_id = new.id)
      and tag in (select j.value from negative_tag_state s, json_each(s.tags) j where s.mention_id = new.id);
  delete from negative_tag_state where mention_id = new.id;
  insert into negative_tag_state (mention_id, day, eff_day, week, source, location, tags)
    select m.id, substr(m.published_at, 1, 10), min(substr(m.published_at, 1, 10), substr(t.latest, 1, 10)), coalesce(date(m.published_at, '-6 days', 'weekday 1'), ''), m.source, m.location, a.tags
    from mentions m, (select max(created_at) as latest from tasks where mention_id = new.id) t, analyses a
    where m.id = new.id and t.latest is not null and m.removed = 0 and m.duplicate_of is null and m.published_at is not null and a.id = (select max(id) from analyses where mention_id = new.id) and json_valid(a.tags);
  insert into negative_tag_daily (day, eff_day, week, source, tag, negatives)
    select s.day, s.eff_day, s.week, s.source, j.value, count(*) from negative_tag_state s, json_each(s.tags) j where s.mention_id = new.id group by j.value
    on conflict (day, eff_day, week, source, tag) do update set negatives = negatives + excluded.negatives;
END;
--> statement-breakpoint
CREATE TRIGGER negative_tags_mention_delete AFTER DELETE ON mentions BEGIN
  update negative_tag_daily set negatives = negatives - (select count(*) from negative_tag_state s, json_each(s.tags) j where s.mention_id = old.id and j.value = negative_tag_daily.tag)
    where day = (select day from negative_tag_state where mention_id = old.id) and eff_day = (select eff_day from negative_tag_state where mention_id = old.id) and week = (select week from negative_tag_state where mention_id = old.id) and source = (select source from negative_tag_state where mention_id = old.id)
      and tag in (select j.value from negative_tag_state s, json_each(s.tags) j where s.mention_id = old.id);
  delete from negative_tag_state where mention_id = old.id;
  insert into negative_tag_state (mention_id, day, eff_day, week, source, location, tags)
    select m.id, substr(m.published_at, 1, 10), min(substr(m.published_at, 1, 10), substr(t.latest, 1, 10)), coalesce(date(m.published_at, '-6 days', 'weekday 1'), ''), m.source, m.location, a.tags
    from mentions m, (select max(created_at) as latest from tasks where mention_id = old.id) t, analyses a
    where m.id = old.id and t.latest is not null and m.removed = 0 and m.duplicate_of is null and m.published_at is not null and a.id = (select max(id) from analyses where mention_id = old.id) and json_valid(a.tags);
  insert into negative_tag_daily (day, eff_day, week, source, tag, negatives)
    select s.day, s.eff_day, s.week, s.source, j.value, count(*) from negative_tag_state s, json_each(s.tags) j where s.mention_id = old.id group by j.value
    on conflict (day, eff_day, week, source, tag) do update set negatives = negatives + excluded.negatives;
END;
--> statement-breakpoint
insert into mention_daily (day, week, source, location, located, volume, rated, rating_sum, negatives, positives)
  select substr(published_at, 1, 10), coalesce(date(published_at, '-6 days', 'weekday 1'), ''), source, coalesce(location, ''), location is not null, count(*), count(rating), coalesce(sum(rating), 0), coalesce(sum(rating <= 2), 0), coalesce(sum(rating >= 4), 0)
  from mentions m where m.removed = 0 and m.duplicate_of is null and m.published_at is not null group by 1, 2, 3, 4, 5;
--> statement-breakpoint
insert into negative_tag_state (mention_id, day, eff_day, week, source, location, tags)
  select m.id, substr(m.published_at, 1, 10), min(substr(m.published_at, 1, 10), substr(t.latest, 1, 10)), coalesce(date(m.published_at, '-6 days', 'weekday 1'), ''), m.source, m.location, a.tags
  from (select mention_id, max(created_at) as latest from tasks group by mention_id) t
  join mentions m on m.id = t.mention_id
  join analyses a on a.id = (select max(a2.id) from analyses a2 where a2.mention_id = m.id)
  where m.removed = 0 and m.duplicate_of is null and m.published_at is not null and json_valid(a.tags);
--> statement-breakpoint
insert into negative_tag_daily (day, eff_day, week, source, tag, negatives)
  select s.day, s.eff_day, s.week, s.source, j.value, count(*) from negative_tag_state s, json_each(s.tags) j group by 1, 2, 3, 4, 5;