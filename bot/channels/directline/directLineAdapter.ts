import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { DirectLineTokens } from './tokens';

type CredentialsFactory = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]>;

const CONVERSATION_IN_PATH = /^v3\/conversations\/([^/?#]+)\//;

/**
 * The CloudAdapter of the in-process Direct Line channel. It never asks Azure AD for tokens, even
 * when MicrosoftAppId is configured: the trust boundary of this channel is the Direct Line token,
 * checked before an activity gets here, and the bot's outgoing calls go to our own connector, which
 * accepts them with a short-lived token signed with the Direct Line secret. That token names the
 * one conversation of the call, and is only ever put on calls to `connectorUrl()` (our connector,
 * compared by origin and path): a call anywhere else fails unsigned.
 */
export function createDirectLineAdapter(tokens: DirectLineTokens, connectorUrl: () => string): CloudAdapter {
  const credentials: CredentialsFactory = {
    isValidAppId: async () => true,
    // Activities reach this adapter only from DirectLineChannel, never from an HTTP request.
    isAuthenticationDisabled: async () => true,
    createCredentials: async () => ({
      signRequest: async (request) => {
        const conversationId = ownConversationOf(request.url, connectorUrl());
        if (conversationId === undefined) throw new Error('The Direct Line adapter sends only to its own connector.');
        request.headers.set('authorization', `Bearer ${tokens.issueConnectorToken(conversationId)}`);
        return request;
      }
    })
  };
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}, credentials));
}

/** The conversation a call to our connector is for; undefined when `url` is not our connector's. */
export function ownConversationOf(url: string, connectorUrl: string): string | undefined {
  let target: URL;
  let own: URL;
  try {
    target = new URL(url);
    own = new URL(connectorUrl);
  } catch {
    return undefined;
  }
  const base = own.pathname.endsWith('/') ? own.pathname : `${own.pathname}/`;
  if (target.origin !== own.origin || !target.pathname.startsWith(base)) return undefined;
  const match = CONVERSATION_IN_PATH.exec(target.pathname.slice(base.length));
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}
