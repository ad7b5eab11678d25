import { CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';

/** A channel served by its own adapter, recognized by the ConversationReference of its conversations. */
export interface AdapterRoute {
  owns(reference: Partial<ConversationReference>): boolean;
  adapter: CloudAdapter;
}

type Logic = (context: TurnContext) => Promise<void>;

/**
 * The bot's main CloudAdapter. Proactive messages (`continueConversationAsync` with a stored
 * ConversationReference) to a conversation of a channel that runs in this process, such as the
 * in-process Direct Line, go to that channel's adapter, so callers need not know which one it is.
 */
export class ChannelRoutingAdapter extends CloudAdapter {
  /**
   * @param allowsServiceUrl where proactive messages of this adapter may go; undefined: anywhere
   *   (Bot Framework authentication on), see bot/channels/serviceUrlAllowList.ts.
   */
  constructor(
    auth: ConstructorParameters<typeof CloudAdapter>[0],
    private readonly routes: AdapterRoute[],
    private readonly allowsServiceUrl?: (serviceUrl: string | undefined) => boolean
  ) {
    super(auth);
  }

  override async continueConversationAsync(
    botAppIdOrClaimsIdentity: Parameters<CloudAdapter['continueConversationAsync']>[0],
    reference: Partial<ConversationReference>,
    logicOrAudience: Logic | string,
    maybeLogic?: Logic
  ): Promise<void> {
    const route = this.routes.find((candidate) => candidate.owns(reference));
    if (!route && this.allowsServiceUrl && !this.allowsServiceUrl(reference.serviceUrl)) {
      throw new Error(`Not sending to ${reference.serviceUrl}: without Bot Framework authentication only ALLOWED_SERVICE_URLS are used.`);
    }
    const adapter: CloudAdapter = route ? route.adapter : this;
    const target = route ? adapter.continueConversationAsync.bind(adapter) : super.continueConversationAsync.bind(this);
    return target(botAppIdOrClaimsIdentity, reference, logicOrAudience, maybeLogic);
  }
}
