import { ActivityTypes, DeliveryModes, TurnContext, type Middleware } from 'botbuilder';
import type { Logger } from 'pino';

/**
 * Sends a typing activity at the start of every turn for an employee's message, so web chat and
 * Teams show that the bot is working. Not for `expectReplies`: the replies come back in one
 * response, and a typing activity there would be an empty reply.
 *
 * The typing activity goes straight to the adapter, as botbuilder's own ShowTypingMiddleware sends
 * it, not through `context.sendActivity`: that would mark the turn as responded, and
 * botbuilder-dialogs' prompts send their retry prompt only to a turn that has not responded yet, so
 * every wrong answer at a prompt would get no reply at all.
 */
export class TypingIndicator implements Middleware {
  constructor(private readonly logger: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { type, deliveryMode } = context.activity;
    if (type === ActivityTypes.Message && deliveryMode !== DeliveryModes.ExpectReplies) {
      const typing = TurnContext.applyConversationReference(
        { type: ActivityTypes.Typing, relatesTo: context.activity.relatesTo },
        TurnContext.getConversationReference(context.activity)
      );
      // Awaited so that it arrives before the answer; a failure must not cost the answer.
      await context.adapter.sendActivities(context, [typing]).catch((error) => this.logger.debug({ err: error }, 'typing indicator not sent'));
    }
    await next();
  }
}
