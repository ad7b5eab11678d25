import type { Content } from './loadContent';
import type { Department, FaqEntry, Language } from './schema';

/** Read access to the validated content: FAQ entries and departments by id, per language. */
export class KnowledgeBase {
  private entries!: Record<Language, Map<string, FaqEntry>>;
  private departmentsById!: Map<string, Department>;
  private current!: Content;

  constructor(content: Content) {
    this.replace(content);
  }

  /** The content now in use. */
  get content(): Content {
    return this.current;
  }

  /** Switches to new content (e.g. with a FAQ entry approved by staff). */
  replace(content: Content): void {
    this.current = content;
    this.entries = {
      de: new Map(content.faq.de.map((e) => [e.id, e])),
      en: new Map(content.faq.en.map((e) => [e.id, e]))
    };
    this.departmentsById = new Map(content.departments.map((d) => [d.id, d]));
  }

  /** The FAQ entry in the given language, if there is one. */
  entry(id: string, language: Language): FaqEntry | undefined {
    return this.entries[language].get(id);
  }

  /** True for FAQ entries and intents that are always handed to a person. */
  isAlwaysHuman(id: string, language: Language): boolean {
    return !!(this.entries[language].get(id)?.alwaysHuman || this.current.intents[language].find((i) => i.id === id)?.alwaysHuman);
  }

  /** The value stream an intent starts, if any. */
  valueStreamOf(id: string, language: Language): string | undefined {
    return this.current.intents[language].find((i) => i.id === id)?.valueStream;
  }

  get departments(): readonly Department[] {
    return this.content.departments;
  }

  department(id: string): Department | undefined {
    return this.departmentsById.get(id);
  }

  /** The department's display name in a language; the id itself for an unknown department. */
  departmentName(id: string, language: Language): string {
    return this.departmentsById.get(id)?.name[language] ?? id;
  }
}
