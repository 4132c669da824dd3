ALTER TABLE `mentions` ADD `fingerprint` text;--> statement-breakpoint
ALTER TABLE `mentions` ADD `duplicate_of` integer;--> statement-breakpoint
CREATE INDEX `mentions_fingerprint` ON `mentions` (`fingerprint`);