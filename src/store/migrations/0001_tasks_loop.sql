ALTER TABLE `customers` ADD `crm_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `customers_crm_id_unique` ON `customers` (`crm_id`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `digest` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `tasks` ADD `customer_confidence` real;--> statement-breakpoint
ALTER TABLE `tasks` ADD `churn_risk` real;--> statement-breakpoint
ALTER TABLE `tasks` ADD `reply_draft` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `dispute_status` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `dispute_reason` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `ticket_id` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `ticket_url` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `first_contact_at` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `resolved_at` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `suggestion` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `sla_alerted_at` text;