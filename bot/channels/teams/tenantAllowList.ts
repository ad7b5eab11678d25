import { ActivityTypes, Channels, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Language } from '../../content/schema';
import { languageOfLocale } from '../../i18n/locale';
import { teamsTexts } from './teamsTexts';

/** The Azure AD tenant a Teams activity comes from. */
export function teamsTenantOf(activity: Partial<Activity>): string | undefined {
  return activity.channelData?.tenant?.id ?? activity.conversation?.tenantId;
}

/**
 * Lets Teams activities through only from the tenants in TEAMS_ALLOWED_TENANTS (all when the list
 * is empty). Others are not processed; a message gets a polite refusal.
 */
export class TenantAllowList implements Middleware {
  private readonly allowed: Set<string>;

  constructor(
    tenants: string[],
    private readonly defaultLanguage: Language,
    private readonly logger: Logger
  ) {
    this.allowed = new Set(tenants.map((tenant) => tenant.toLowerCase()));
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const tenant = teamsTenantOf(activity);
    if (this.allowed.size === 0 || activity.channelId !== Channels.Msteams || (tenant && this.allowed.has(tenant.toLowerCase()))) {
      await next();
      return;
    }
    this.logger.warn({ tenant, type: activity.type }, 'Teams activity from a tenant outside TEAMS_ALLOWED_TENANTS refused');
    if (activity.type === ActivityTypes.Message) {
      await context.sendActivity(teamsTexts(languageOfLocale(activity.locale, this.defaultLanguage)).tenantRefused());
    }
  }
}
