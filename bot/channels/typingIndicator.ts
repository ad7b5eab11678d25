import { ActivityTypes, DeliveryModes, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';

/**
 * Sends a typing activity at the start of every turn for an employee's message, so web chat and
 * Teams show that the bot is working. Not for `expectReplies`: the replies come back in one
 * response, and a typing activity there would be an empty reply.
 */
export class TypingIndicator implements Middleware {
  constructor(private readonly logger: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { type, deliveryMode } = context.activity;
    if (type === ActivityTypes.Message && deliveryMode !== DeliveryModes.ExpectReplies) {
      // Awaited so that it arrives before the answer; a failure must not cost the answer.
      await context.sendActivity({ type: ActivityTypes.Typing }).catch((error) => this.logger.debug({ err: error }, 'typing indicator not sent'));
    }
    await next();
  }
}
