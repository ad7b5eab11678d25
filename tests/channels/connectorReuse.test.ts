import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { ClaimsIdentity, ConnectorFactory, type ConnectorClient } from 'botframework-connector';
import { ConnectorReusingAuthentication } from '../../bot/channels/connectorReuse';
import { FakeConnector } from '../helpers/fakeConnector';

const anonymous = new ClaimsIdentity([], true);

describe('ConnectorReusingAuthentication', () => {
  it('gives every turn for the same service URL the same ConnectorClient, and another URL its own', async () => {
    const auth = new ConnectorReusingAuthentication(new ConfigurationBotFrameworkAuthentication({}));
    const a = await auth.createConnectorFactory(anonymous).create('https://smba.trafficmanager.net/emea/');
    const b = await auth.createConnectorFactory(anonymous).create('https://smba.trafficmanager.net/emea/');
    const other = await auth.createConnectorFactory(anonymous).create('https://smba.trafficmanager.net/amer/');
    expect(b).toBe(a);
    expect(other).not.toBe(a);
  });

  it('gives every turn of the same bot the same UserTokenClient', async () => {
    const auth = new ConnectorReusingAuthentication(new ConfigurationBotFrameworkAuthentication({}));
    expect(await auth.createUserTokenClient(anonymous)).toBe(await auth.createUserTokenClient(anonymous));
  });

  it('sends through the reused client to the right connector', async () => {
    const first = await new FakeConnector().start();
    const second = await new FakeConnector().start();
    const auth = new ConnectorReusingAuthentication(new ConfigurationBotFrameworkAuthentication({}));
    const send = async (url: string, text: string) => {
      const client = await auth.createConnectorFactory(anonymous).create(`${url}/`);
      await client.conversations.sendToConversation('c1', { type: 'message', text });
    };
    await send(first.url, 'eins');
    await send(second.url, 'zwei');
    await send(first.url, 'drei');
    expect(first.activities('c1').map((a) => a.text)).toEqual(['eins', 'drei']);
    expect(second.activities('c1').map((a) => a.text)).toEqual(['zwei']);
    await first.stop();
    await second.stop();
  });

  it('does not keep a client whose creation failed', async () => {
    let calls = 0;
    const failingOnce = new (class extends ConnectorFactory {
      async create(): Promise<ConnectorClient> {
        calls++;
        if (calls === 1) throw new Error('token service unreachable');
        return { id: calls } as unknown as ConnectorClient;
      }
    })();
    const inner = new ConfigurationBotFrameworkAuthentication({});
    inner.createConnectorFactory = () => failingOnce;
    const auth = new ConnectorReusingAuthentication(inner);
    await expect(auth.createConnectorFactory(anonymous).create('https://x/')).rejects.toThrow('unreachable');
    const client = await auth.createConnectorFactory(anonymous).create('https://x/');
    expect(await auth.createConnectorFactory(anonymous).create('https://x/')).toBe(client);
    expect(calls).toBe(2);
  });
});
