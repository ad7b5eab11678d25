import { Channels, type Activity, type TurnContext } from 'botbuilder';
import type { Requester } from '../requests/serviceRequest';
import { teamsTenantOf } from './teams/tenantAllowList';

/**
 * Which key the user of an activity has: the one rule for user state, requests and cases.
 *
 * A key is the channel's namespace plus the id the channel gives the user, so that an id claimed on
 * one channel never reaches another channel's user:
 * - the in-process web chat (Direct Line endpoint): `webchat/<user id of the Direct Line token>`;
 * - Teams: `msteams/<tenant>/<AAD object id>` (the tenant of the activity; the from.id when Teams
 *   sends no object id);
 * - any other channel: `<channelId>/<from.id>`.
 * Parts are URI-encoded, so no id can make its key look like another namespace's.
 *
 * Only the web chat's ids are verified here (by our Direct Line token); a Teams id is as good as the
 * Bot Framework authentication of /api/messages. A later verified identity (an Entra object id
 * checked by sign-in, issue 15) gets a namespace of its own (e.g. `entra/<tenant>/<object id>`) that
 * web chat and Teams can share; unverified ids stay in their channel's namespace.
 */
export function userKeyOf(context: TurnContext): string {
  const { namespace, id } = identityOf(context);
  return [...namespace, id].map(encodeURIComponent).join('/');
}

const WEB_CHAT_TURN = Symbol('anlaufstelle.webChatTurn');

/** Marks a turn as one of the in-process web chat (only its adapter does this, in a middleware). */
export function markWebChatTurn(context: TurnContext): void {
  context.turnState.set(WEB_CHAT_TURN, true);
}

/** Whether the turn came through our own Direct Line endpoint, whose user ids our tokens vouch for. */
export function isWebChatTurn(context: TurnContext): boolean {
  return context.turnState.get(WEB_CHAT_TURN) === true;
}

function identityOf(context: TurnContext): { namespace: string[]; id: string } {
  const { activity } = context;
  if (isWebChatTurn(context)) return { namespace: ['webchat'], id: activity.from.id };
  if (activity.channelId === Channels.Msteams) return { namespace: ['msteams', teamsTenantOf(activity) ?? 'no-tenant'], id: activity.from.aadObjectId ?? activity.from.id };
  return { namespace: [activity.channelId], id: activity.from.id };
}

/**
 * How earlier versions named this user, for data stored before user keys were namespaced: the user
 * state key (`aad/users/<object id>/` for Teams, botbuilder's `<channelId>/users/<id>/` otherwise)
 * and the requester id of requests and cases, with a check that a stored requester is really this
 * channel's (and tenant's) user. Undefined where the old name was ambiguous: activities with
 * channelId `directline` on /api/messages shared it with the web chat.
 */
export interface LegacyUser {
  stateKey: string;
  requesterId: string;
  owns(requester: Requester): boolean;
}

export function legacyUserOf(context: TurnContext): LegacyUser | undefined {
  const { activity } = context;
  if (isWebChatTurn(context)) {
    return {
      stateKey: `directline/users/${activity.from.id}/`,
      requesterId: activity.from.id,
      owns: (requester) => requester.channelId === 'directline' && viaOwnConnector(requester)
    };
  }
  if (activity.channelId === Channels.Msteams) {
    const tenant = teamsTenantOf(activity);
    const id = activity.from.aadObjectId ?? activity.from.id;
    return {
      stateKey: activity.from.aadObjectId ? `aad/users/${activity.from.aadObjectId}/` : `msteams/users/${activity.from.id}/`,
      requesterId: id,
      owns: (requester) => requester.channelId === Channels.Msteams && tenantOfReference(requester) === tenant
    };
  }
  if (activity.channelId === 'directline') return undefined;
  return {
    stateKey: `${activity.channelId}/users/${activity.from.id}/`,
    requesterId: activity.from.id,
    owns: (requester) => requester.channelId === activity.channelId
  };
}

/** The serviceUrl of the in-process connector (any origin: references stored by earlier versions). */
function viaOwnConnector(requester: Requester): boolean {
  try {
    return new URL(requester.reference?.serviceUrl ?? '').pathname.startsWith('/directline/connector/');
  } catch {
    return false;
  }
}

function tenantOfReference(requester: Requester): string | undefined {
  return teamsTenantOf({ conversation: requester.reference?.conversation } as Partial<Activity>);
}
