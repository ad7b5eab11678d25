import { UserState, type Storage, type TurnContext } from 'botbuilder';

/**
 * User state keyed by the employee's Azure AD object id when the channel sends one (Teams), so an
 * employee is the same person in every chat, team and channel; otherwise keyed like botbuilder's
 * UserState (channel and user id).
 */
export class AadUserState extends UserState {
  constructor(
    storage: Storage,
    private readonly keyNamespace = ''
  ) {
    super(storage, keyNamespace);
  }

  /** The storage key of the turn's user, e.g. `aad/users/<object id>/` or `directline/users/dl_…/`. */
  override getStorageKey(context: TurnContext): string | undefined {
    const aadObjectId = context.activity.from?.aadObjectId;
    return aadObjectId ? `aad/users/${aadObjectId}/${this.keyNamespace}` : super.getStorageKey(context);
  }
}
