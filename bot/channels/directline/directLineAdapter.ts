import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { DirectLineTokens } from './tokens';

type CredentialsFactory = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]>;

/**
 * The CloudAdapter of the in-process Direct Line channel. It never asks Azure AD for tokens, even
 * when MicrosoftAppId is configured: the trust boundary of this channel is the Direct Line token,
 * checked before an activity gets here, and the bot's outgoing calls go to our own connector, which
 * accepts them with a short-lived token signed with the Direct Line secret.
 */
export function createDirectLineAdapter(tokens: DirectLineTokens): CloudAdapter {
  const credentials: CredentialsFactory = {
    isValidAppId: async () => true,
    // Activities reach this adapter only from DirectLineChannel, never from an HTTP request.
    isAuthenticationDisabled: async () => true,
    createCredentials: async () => ({
      signRequest: async (request) => {
        request.headers.set('authorization', `Bearer ${tokens.issueConnectorToken()}`);
        return request;
      }
    })
  };
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}, credentials));
}
