import { Channels, type Activity } from 'botbuilder';

/**
 * Whether a conversationUpdate calls for the bot's welcome. Teams: once when the bot is installed
 * (the bot itself among membersAdded, or the personal chat being set up), not for every colleague
 * who joins a team later; Teams also sends an installationUpdate then, which needs no second welcome.
 * Other channels: when someone other than the bot joins. One event, one welcome.
 */
export function shouldWelcome(activity: Partial<Activity>): boolean {
  const added = activity.membersAdded ?? [];
  const botId = activity.recipient?.id;
  if (activity.channelId === Channels.Msteams) {
    return added.some((member) => member.id === botId) || (activity.conversation?.conversationType === 'personal' && added.length > 0);
  }
  return added.some((member) => member.id !== botId);
}
