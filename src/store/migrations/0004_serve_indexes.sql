CREATE INDEX `mentions_analytics` ON `mentions` (`published_at`,`source`,`location`,`rating`) WHERE removed = 0 and duplicate_of is null;--> statement-breakpoint
CREATE INDEX `mentions_location` ON `mentions` (`location`);--> statement-breakpoint
CREATE INDEX `mentions_marketing` ON `mentions` (`marketing`,`published_at`) WHERE removed = 0 and duplicate_of is null;--> statement-breakpoint
CREATE INDEX `tasks_due` ON `tasks` (`due_at`);--> statement-breakpoint
CREATE INDEX `tasks_created` ON `tasks` (`created_at`,`first_contact_at`,`due_at`);--> statement-breakpoint
CREATE INDEX `tasks_assignee` ON `tasks` (`assignee`);--> statement-breakpoint
CREATE INDEX `tasks_dispute` ON `tasks` (`dispute_status`);