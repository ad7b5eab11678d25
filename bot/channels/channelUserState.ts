import { UserState, type Storage, type TurnContext } from 'botbuilder';
import { legacyUserOf, userKeyOf } from './userKey';

/**
 * User state keyed by the user's key ({@link userKeyOf}: channel namespace, plus tenant for Teams),
 * e.g. `users/msteams/<tenant>/<AAD object id>/` or `users/webchat/dl_…/`, so an id claimed on one
 * channel never reaches another channel's user. A user without state under the new key is read
 * through from the key earlier versions used (`aad/users/<object id>/` for Teams, botbuilder's
 * `<channelId>/users/<id>/` otherwise); the state is then written under the new key at the end of
 * the turn, and the old record is left as it was.
 */
export class ChannelUserState extends UserState {
  private readonly legacyChecked = Symbol('legacyUserStateChecked');

  constructor(
    storage: Storage,
    private readonly keyNamespace = ''
  ) {
    super(storage, keyNamespace);
  }

  override getStorageKey(context: TurnContext): string | undefined {
    return `users/${userKeyOf(context)}/${this.keyNamespace}`;
  }

  override async load(context: TurnContext, force = false): Promise<any> {
    const state = await super.load(context, force);
    if (context.turnState.get(this.legacyChecked)) return state;
    context.turnState.set(this.legacyChecked, true);
    const legacy = legacyUserOf(context);
    if (!legacy || Object.keys(state).some((key) => key !== 'eTag')) return state;
    const key = `${legacy.stateKey}${this.keyNamespace}`;
    const { eTag: _eTag, ...earlier } = (await this.storage.read([key]))[key] ?? {};
    Object.assign(state, earlier);
    return state;
  }
}
