import { randomUUID } from 'node:crypto';
import readline from 'node:readline';
import { systemClock } from '../clock';

/**
 * `npm run chat`: talks to a running bot from the terminal over the Bot Framework protocol, with
 * `deliveryMode: expectReplies` so no connector is needed. Suggested actions are shown numbered;
 * typing the number sends that option.
 */
async function main(): Promise<void> {
  const endpoint = process.env.BOT_URL ?? `http://localhost:${process.env.PORT ?? 3978}/api/messages`;
  const user = { id: `terminal-${process.env.USER ?? 'user'}`, name: process.env.USER ?? 'Terminal' };
  const conversation = { id: `terminal-${randomUUID()}` };
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  // Iterate from the start: lines that arrive while the first request is on its way are kept.
  const lines = rl[Symbol.asyncIterator]();
  let options: string[] = [];

  const send = async (activity: Record<string, unknown>) => {
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          channelId: 'terminal',
          serviceUrl: 'http://localhost/terminal',
          from: user,
          recipient: { id: 'anlaufstelle', name: 'Anlaufstelle' },
          conversation,
          // German unless asked otherwise; the bot detects the language of each message anyway.
          locale: process.env.CHAT_LOCALE ?? 'de-DE',
          deliveryMode: 'expectReplies',
          // A client's own time, as a channel stamps its activities.
          timestamp: systemClock().toISOString(),
          ...activity
        })
      });
    } catch {
      console.error(`Cannot reach the bot at ${endpoint}. Start it first with "npm start" (or set BOT_URL).`);
      process.exit(1);
    }
    if (!response.ok) {
      console.error(`The bot answered HTTP ${response.status}: ${await response.text()}`);
      return;
    }
    const body = (await response.json()) as { activities?: Array<{ text?: string; suggestedActions?: { actions: Array<{ title: string }> } }> };
    options = [];
    for (const reply of body.activities ?? []) {
      if (reply.text) console.log(`\nAnlaufstelle: ${reply.text}`);
      for (const action of reply.suggestedActions?.actions ?? []) {
        options.push(action.title);
        console.log(`  [${options.length}] ${action.title}`);
      }
    }
  };

  console.log(`Chatting with ${endpoint}. Type your question; "exit" ends the chat.`);
  await send({ type: 'conversationUpdate', membersAdded: [user] });
  const prompt = () => process.stdout.write('\nSie/You: ');
  prompt();
  // Reading line by line (not rl.question) also works when the input is piped in.
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    const line = next.value.trim();
    if (line === 'exit' || line === 'quit') break;
    if (line) {
      const picked = /^\d+$/.test(line) ? options[Number(line) - 1] : undefined;
      await send({ type: 'message', text: picked ?? line });
    }
    prompt();
  }
  rl.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
