import { emailChannel } from './email.ts';
import { jiraChannel } from './jira.ts';
import { logChannel } from './log.ts';
import { slackChannel } from './slack.ts';
import { telegramChannel } from './telegram.ts';
import type { AnyChannelType, ResolvedChannel, Sender, SenderDeps } from './types.ts';
import { webhookChannel } from './webhook.ts';
import { zendeskChannel } from './zendesk.ts';

/** Every alert channel type by its `type:` in the config. */
export const channelTypes = {
  webhook: webhookChannel,
  log: logChannel,
  slack: slackChannel,
  telegram: telegramChannel,
  email: emailChannel,
  zendesk: zendeskChannel,
  jira: jiraChannel,
} satisfies Record<string, AnyChannelType>;

export function findChannelType(type: string): AnyChannelType | undefined {
  return Object.hasOwn(channelTypes, type) ? (channelTypes as Record<string, AnyChannelType>)[type] : undefined;
}

export function createSender(channel: ResolvedChannel, deps: SenderDeps): Sender | undefined {
  return findChannelType(channel.type)?.sender(channel.name, channel.settings, deps);
}

export { DeliveryError, type OutboxMessage, type ResolvedChannel, type Sender, type SendResult } from './types.ts';
