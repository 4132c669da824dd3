CREATE TABLE `host_slots` (
	`host` text PRIMARY KEY NOT NULL,
	`next_at` integer NOT NULL
);
