CREATE TABLE `analyses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mention_id` integer NOT NULL,
	`revision_id` integer NOT NULL,
	`lang` text NOT NULL,
	`score` real,
	`label` text NOT NULL,
	`reasons` text NOT NULL,
	`tags` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`mention_id`) REFERENCES `mentions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revision_id`) REFERENCES `mention_revisions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `analyses_revision` ON `analyses` (`revision_id`);--> statement-breakpoint
CREATE INDEX `analyses_mention` ON `analyses` (`mention_id`);--> statement-breakpoint
CREATE TABLE `crawl_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`target_id` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`status` text DEFAULT 'running' NOT NULL,
	`pages` integer DEFAULT 0 NOT NULL,
	`items_seen` integer DEFAULT 0 NOT NULL,
	`items_new` integer DEFAULT 0 NOT NULL,
	`items_changed` integer DEFAULT 0 NOT NULL,
	`stop_reason` text,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `crawl_runs_target_started` ON `crawl_runs` (`target_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`phone` text,
	`handles` text DEFAULT '{}' NOT NULL,
	`location` text,
	`lifetime_value` real,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `flags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mention_id` integer NOT NULL,
	`rule_id` text NOT NULL,
	`revision_id` integer NOT NULL,
	`priority` text NOT NULL,
	`reason` text NOT NULL,
	`tags` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`mention_id`) REFERENCES `mentions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `flags_mention_rule` ON `flags` (`mention_id`,`rule_id`);--> statement-breakpoint
CREATE TABLE `mention_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mention_id` integer NOT NULL,
	`revision` integer NOT NULL,
	`content_hash` text NOT NULL,
	`rating` real,
	`title` text,
	`text` text NOT NULL,
	`reply` text,
	`seen_at` text NOT NULL,
	FOREIGN KEY (`mention_id`) REFERENCES `mentions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mention_revisions_mention_revision` ON `mention_revisions` (`mention_id`,`revision`);--> statement-breakpoint
CREATE TABLE `mention_tags` (
	`mention_id` integer NOT NULL,
	`tag` text NOT NULL,
	`origin` text NOT NULL,
	FOREIGN KEY (`mention_id`) REFERENCES `mentions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mention_tags_mention_tag` ON `mention_tags` (`mention_id`,`tag`);--> statement-breakpoint
CREATE TABLE `mentions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`external_id` text NOT NULL,
	`target_id` text NOT NULL,
	`url` text,
	`author` text,
	`rating` real,
	`title` text,
	`text` text NOT NULL,
	`lang` text,
	`published_at` text,
	`reply` text,
	`location` text,
	`parent_id` text,
	`content_hash` text NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`first_seen_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`removed` integer DEFAULT false NOT NULL,
	`removed_at` text,
	`marketing` text,
	`raw` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mentions_source_external_id` ON `mentions` (`source`,`external_id`);--> statement-breakpoint
CREATE INDEX `mentions_target_published` ON `mentions` (`target_id`,`published_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`idempotency_key` text NOT NULL,
	`channel` text NOT NULL,
	`kind` text NOT NULL,
	`mention_id` integer,
	`rule_id` text,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_error` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`sent_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_idempotency_key` ON `outbox` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `outbox_status_next` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `targets` (
	`id` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`name` text,
	`url` text,
	`health` text DEFAULT 'unknown' NOT NULL,
	`last_ok_at` text,
	`last_error` text,
	`last_crawl_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `task_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`kind` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`note` text,
	`actor` text,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`flag_id` integer NOT NULL,
	`mention_id` integer NOT NULL,
	`rule_id` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`priority` text NOT NULL,
	`due_at` text NOT NULL,
	`assignee` text,
	`customer_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`flag_id`) REFERENCES `flags`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mention_id`) REFERENCES `mentions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tasks_mention_rule` ON `tasks` (`mention_id`,`rule_id`);--> statement-breakpoint
CREATE INDEX `tasks_status_due` ON `tasks` (`status`,`due_at`);