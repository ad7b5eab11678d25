import { ActivityTypes, type Activity, type ConversationState, type StatePropertyAccessor, type TurnContext, type UserState } from 'botbuilder';
import type { Content } from './content/loadContent';
import { LANGUAGES, type Language } from './content/schema';
import { languageOfLocale, localeOf } from './i18n/locale';
import { messagesFor } from './i18n/messages';

/** What the bot remembers about an employee across conversations. */
export interface UserProfile {
  /** The language of the employee's latest conversation: where the next one starts. */
  language?: Language;
}

/** What a conversation keeps about its language. */
interface LanguageMemory {
  language?: Language;
  /** The titles of the buttons the bot offered lately in this conversation, normalized. */
  offered?: string[];
}

/** How many offered button titles a conversation remembers (a few prompts' worth). */
const OFFERED_LIMIT = 40;

/**
 * The language of a conversation. It starts as the employee's last language, else the client's
 * locale, else the default; it changes only when a message is clearly written in the other language
 * (the recognizer decides that: a sentence, detected with confidence), and never on one of the bot's
 * own button titles, whatever language the title looks like ("Ja, an Facility Management").
 *
 * Everything the bot sends carries the language as its `locale`, so that the web chat page can
 * follow it (public/embed.js).
 */
export class ConversationLanguage {
  private readonly memory: StatePropertyAccessor<LanguageMemory>;
  private readonly profile: StatePropertyAccessor<UserProfile>;
  private readonly catalogue: ReadonlySet<string>;

  constructor(
    conversationState: ConversationState,
    userState: UserState,
    content: Content,
    private readonly defaultLanguage: Language
  ) {
    this.memory = conversationState.createProperty<LanguageMemory>('language');
    this.profile = userState.createProperty<UserProfile>('profile');
    this.catalogue = catalogueTitles(content);
  }

  /** The conversation's language now. */
  async current(context: TurnContext): Promise<Language> {
    const memory = await this.memory.get(context, {});
    if (memory.language) return memory.language;
    const profile = await this.profile.get(context, {});
    return profile.language ?? languageOfLocale(context.activity.locale, this.defaultLanguage);
  }

  /** True when `text` is the title of a button the bot offered in this conversation or has in its catalogue. */
  async isBotButton(context: TurnContext, text: string): Promise<boolean> {
    const title = normalizeTitle(text);
    if (this.catalogue.has(title)) return true;
    return ((await this.memory.get(context, {})).offered ?? []).includes(title);
  }

  /** The conversation goes on in `language` (and the employee's next conversation starts in it). */
  async adopt(context: TurnContext, language: Language): Promise<void> {
    const memory = await this.memory.get(context, {});
    if (memory.language !== language) await this.memory.set(context, { ...memory, language });
    const profile = await this.profile.get(context, {});
    if (profile.language !== language) await this.profile.set(context, { ...profile, language });
  }

  /**
   * For the rest of the turn, every message the bot sends carries `language` as its locale, and the
   * titles of its buttons are remembered (saved with the conversation state at the end of the turn).
   */
  speak(context: TurnContext, language: Language): void {
    context.onSendActivities(async (_context, activities, next) => {
      const titles: string[] = [];
      for (const activity of activities) {
        if (activity.type !== ActivityTypes.Message) continue;
        activity.locale = localeOf(language);
        titles.push(...buttonTitlesOf(activity));
      }
      if (titles.length > 0) await this.remember(context, titles);
      return next();
    });
  }

  private async remember(context: TurnContext, titles: string[]): Promise<void> {
    const memory = await this.memory.get(context, {});
    const offered = [...(memory.offered ?? []).filter((t) => !titles.includes(t)), ...new Set(titles)].slice(-OFFERED_LIMIT);
    await this.memory.set(context, { ...memory, offered });
  }
}

/** The normalized titles (and posted values) of an activity's buttons: suggested actions, hero and Adaptive Card buttons. */
function buttonTitlesOf(activity: Partial<Activity>): string[] {
  const titles: unknown[] = [];
  for (const action of activity.suggestedActions?.actions ?? []) titles.push(action.title, action.value);
  for (const attachment of activity.attachments ?? []) {
    const content = attachment.content as { buttons?: Array<{ title?: string; value?: unknown; text?: string }>; actions?: Array<{ title?: string }> } | undefined;
    for (const button of content?.buttons ?? []) titles.push(button.title, button.value, button.text);
    for (const action of content?.actions ?? []) titles.push(action.title);
  }
  return titles.filter((t): t is string => typeof t === 'string' && t.trim() !== '').map(normalizeTitle);
}

/** The fixed button titles of the bot's dialogs, in both languages. */
function catalogueTitles(content: Content): ReadonlySet<string> {
  const titles: string[] = [];
  for (const language of LANGUAGES) {
    const t = messagesFor(language);
    const departments = content.departments.map((d) => d.name[language]);
    titles.push(t.yes(), t.no(), t.feedbackYes(), t.feedbackNo(), t.noneOfThese(), t.forwardOther(), t.forwardNo());
    titles.push(...t.itDevices(), ...t.itUrgencies(), ...Object.values(t.intentTitles()));
    titles.push(...departments, ...departments.map((department) => t.forwardTo({ department })));
    for (const stream of content.valueStreams) for (const field of stream.fields) titles.push(...(field.options?.[language] ?? []));
  }
  return new Set(titles.map(normalizeTitle));
}

function normalizeTitle(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').replace(/[\s.!?]+$/u, '').trim();
}
