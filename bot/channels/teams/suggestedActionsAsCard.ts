import { CardFactory, Channels, type Activity, type CardAction, type Middleware, type TurnContext } from 'botbuilder';

/**
 * Teams shows suggested actions only in personal chats. In team channels and group chats the
 * dialogs' buttons (did-you-mean, yes/no, departments) are sent as a hero card instead, with
 * messageBack buttons: they reach the bot without an @mention and show the title in the chat.
 */
export class SuggestedActionsAsCard implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { channelId, conversation } = context.activity;
    if (channelId === Channels.Msteams && conversation?.conversationType && conversation.conversationType !== 'personal') {
      context.onSendActivities(async (_context, activities, nextSend) => {
        activities.forEach(asCard);
        return nextSend();
      });
    }
    await next();
  }
}

function asCard(activity: Partial<Activity>): void {
  const actions = activity.suggestedActions?.actions ?? [];
  if (actions.length === 0) return;
  const buttons: CardAction[] = actions.map((action) =>
    action.type === 'imBack' || action.type === 'messageBack'
      ? { type: 'messageBack', title: action.title, text: String(action.value ?? action.title), displayText: action.title, value: undefined }
      : action
  );
  activity.attachments = [...(activity.attachments ?? []), CardFactory.heroCard('', undefined, buttons)];
  delete activity.suggestedActions;
}
