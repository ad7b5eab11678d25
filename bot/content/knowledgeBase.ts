import type { Content } from './loadContent';
import type { Department, FaqEntry, Language } from './schema';

/** Read access to the validated content: FAQ entries and departments by id, per language. */
export class KnowledgeBase {
  private readonly entries: Record<Language, Map<string, FaqEntry>>;
  private readonly departmentsById: Map<string, Department>;

  constructor(readonly content: Content) {
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
