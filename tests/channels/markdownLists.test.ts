import { markdownWithLists } from '../../bot/channels/markdownLists';
import { makeTestApp, type TestApp } from '../helpers/testApp';

// Web Chat's own Markdown renderer (botframework-webchat depends on it), with Web Chat's options.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it');
const webChatMarkdown = new MarkdownIt({ breaks: false, html: true, linkify: true, typographer: true, xhtmlOut: true });
const render = (text: string): string => webChatMarkdown.render(text);

describe('the bot\'s lines as Markdown lists (Web Chat, Teams, Adaptive Cards)', () => {
  it('turns "•" lines into a bulleted list and every other line into a paragraph', () => {
    const text = 'Bitte prüfen Sie Ihre Meldung:\n• Bereich: Drucker\n• Seit: heute\n\nSoll ich sie so senden?';
    expect(markdownWithLists(text)).toBe('Bitte prüfen Sie Ihre Meldung:\n\n- Bereich: Drucker\n- Seit: heute\n\nSoll ich sie so senden?');
    expect(render(markdownWithLists(text))).toBe('<p>Bitte prüfen Sie Ihre Meldung:</p>\n<ul>\n<li>Bereich: Drucker</li>\n<li>Seit: heute</li>\n</ul>\n<p>Soll ich sie so senden?</p>\n');
  });

  it('keeps steps a numbered list and the sentence after them out of the last step', () => {
    const html = render(markdownWithLists('If it won\'t connect:\n1. Check the Wi-Fi.\n2. Restart.\n3. Call ext. -1234.\nIf you work from home, connect once.'));
    expect(html).toBe('<p>If it won’t connect:</p>\n<ol>\n<li>Check the Wi-Fi.</li>\n<li>Restart.</li>\n<li>Call ext. -1234.</li>\n</ol>\n<p>If you work from home, connect once.</p>\n');
  });

  it('shows a link list as a list of links', () => {
    const html = render(markdownWithLists('Mehr dazu:\n• [VPN-Anleitung](https://intranet.example.com/it/vpn)\n• [Self-Service](https://selfservice.example.com)'));
    expect(html).toContain('<ul>\n<li><a href="https://intranet.example.com/it/vpn">VPN-Anleitung</a></li>\n<li><a href="https://selfservice.example.com">Self-Service</a></li>\n</ul>');
  });

  it('does not make a list of a single line that starts with a date or a number', () => {
    expect(render(markdownWithLists('Ihr Termin:\n1. Februar 2027, 10 Uhr'))).toBe('<p>Ihr Termin:</p>\n<p>1. Februar 2027, 10 Uhr</p>\n');
  });

  it('leaves one-line texts and text that already is such Markdown as they are', () => {
    expect(markdownWithLists('Ihre Ticketnummer ist IT-1001.')).toBe('Ihre Ticketnummer ist IT-1001.');
    const markdown = 'Intro\n\n- a\n- b\n\nOutro';
    expect(markdownWithLists(markdown)).toBe(markdown);
  });

  describe('on every FAQ answer of the content', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await makeTestApp();
    });
    afterAll(() => app.cleanup());

    it('renders every answer\'s steps and links as lists, and no "•" stays in running text', () => {
      for (const language of ['de', 'en'] as const) {
        for (const entry of app.knowledge.content.faq[language]) {
          const links = entry.links.map((link) => `• [${link.title}](${link.url})`).join('\n');
          const html = render(markdownWithLists(`${entry.answer}\n\nMehr dazu:\n${links}`));
          expect({ id: entry.id, bullets: html.includes('•') }).toEqual({ id: entry.id, bullets: false });
          const steps = entry.answer.match(/^\s*\d+[.)]\s/gm) ?? [];
          if (steps.length > 1) expect({ id: entry.id, ol: html.includes('<ol') }).toEqual({ id: entry.id, ol: true });
          if (entry.links.length > 0) expect({ id: entry.id, ul: html.includes('<ul>') }).toEqual({ id: entry.id, ul: true });
        }
      }
    });
  });
});
