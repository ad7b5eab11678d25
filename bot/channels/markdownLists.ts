import { ActivityTypes, TextFormatTypes, type Middleware, type TurnContext } from 'botbuilder';

const BULLET = /^\s*[•▪·*–-]\s+(.*)$/u;
const NUMBERED = /^\s*(\d{1,3})[.)]\s+(.*)$/u;

type Block = { kind: 'bullet' | 'numbered' | 'paragraph'; lines: string[] };

/**
 * The bot's texts are written line by line: an introduction, list items ("• …", "1. …"), more
 * sentences. Web Chat renders Markdown with markdown-it (CommonMark: a single line break is a space,
 * a line after a list item continues that item, "•" is no list marker), Teams and Adaptive Card
 * TextBlocks render their own Markdown subset; all of them agree on lists set off by blank lines with
 * "- " or "1. " items and on paragraphs separated by blank lines. This turns every run of list lines
 * into such a list and every other line into a paragraph of its own. A single numbered line is no
 * list ("1. Februar ist Stichtag"): its number is escaped so that no renderer makes it one.
 */
export function markdownWithLists(text: string): string {
  const blocks: Block[] = [];
  // Whether the last block is a list the next item of its kind joins (a blank line ends it).
  let listOpen = false;
  for (const line of text.split(/\r?\n/)) {
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const last = blocks[blocks.length - 1];
    if (bullet || numbered) {
      const kind = bullet ? 'bullet' : 'numbered';
      const item = bullet ? `- ${bullet[1]}` : `${numbered![1]}. ${numbered![2]}`;
      if (listOpen && last.kind === kind) last.lines.push(item);
      else blocks.push({ kind, lines: [item] });
    } else if (line.trim()) {
      blocks.push({ kind: 'paragraph', lines: [line.trim()] });
    }
    listOpen = Boolean(bullet || numbered);
  }
  return blocks
    .map((block) => (block.kind === 'numbered' && block.lines.length === 1 ? block.lines[0].replace(/^(\d+)\./, '$1\\.') : block.lines.join('\n')))
    .join('\n\n');
}

/**
 * Sends every message's text as {@link markdownWithLists} Markdown, on every channel, so that steps
 * and link lists show as lists in Web Chat and in Teams. Texts sent as plain text or XML stay as they are.
 */
export class MarkdownLists implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (_context, activities, nextSend) => {
      for (const activity of activities) {
        if (activity.type !== ActivityTypes.Message || !activity.text) continue;
        if (activity.textFormat && activity.textFormat !== TextFormatTypes.Markdown) continue;
        activity.text = markdownWithLists(activity.text);
        activity.textFormat = TextFormatTypes.Markdown;
      }
      return nextSend();
    });
    await next();
  }
}
