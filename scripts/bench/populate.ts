import type { StoreItems } from 'botbuilder';
import { LowdbStorage } from '../../bot/storage/lowdbStorage';

/** Conversations per employee among the stored ones. */
const CONVERSATIONS_PER_USER = 5;
const BATCH = 500;

const ANSWER =
  'Ihr Passwort setzen Sie jederzeit selbst im IT-Self-Service-Portal zurück:\n1. Öffnen Sie https://selfservice.example.com/it/passwort.\n' +
  '2. Geben Sie Ihren Benutzernamen ein und bestätigen Sie sich per SMS-Code oder Authenticator-App.\n3. Vergeben Sie ein neues Passwort ' +
  'mit mindestens 12 Zeichen. Im Homeoffice verbinden Sie den Laptop danach einmal per VPN.\n\nMehr dazu:\n• [Passwort zurücksetzen]' +
  '(https://selfservice.example.com/it/passwort)\n\nHat das geholfen?';

/** The conversation state of a finished FAQ conversation, as the bot stores it (transcript, empty dialog stack). */
function conversationItem(n: number) {
  const at = new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
  return {
    transcript: [
      { from: 'user', text: 'Ich habe mein Passwort vergessen', at },
      { from: 'bot', text: ANSWER, at },
      { from: 'user', text: 'ja', at },
      { from: 'bot', text: 'Freut mich, dass ich helfen konnte!', at }
    ],
    dialogState: { dialogStack: [] }
  };
}

/**
 * Stores `count` finished conversations (and one user profile per five conversations) through
 * {@link LowdbStorage.write}, in batches, under the keys botbuilder's ConversationState and UserState
 * use (`directline/conversations/<id>/`, and `users/<user key>/` as bot/channels/channelUserState.ts keys
 * users), so the files are exactly what the bot writes.
 * @param from index of the first conversation, to top up a folder that already holds `from` of them.
 * @returns the number of files written.
 */
export async function populateState(stateDir: string, count: number, from = 0): Promise<number> {
  const storage = new LowdbStorage(stateDir);
  let files = 0;
  for (let start = from; start < from + count; start += BATCH) {
    const changes: StoreItems = {};
    for (let n = start; n < Math.min(from + count, start + BATCH); n++) {
      changes[`directline/conversations/stored-c${n}/`] = conversationItem(n);
      if (n % CONVERSATIONS_PER_USER === 0) changes[`users/directline/stored-u${n / CONVERSATIONS_PER_USER}/`] = { profile: { language: 'de' } };
    }
    await storage.write(changes);
    files += Object.keys(changes).length;
  }
  return files;
}
