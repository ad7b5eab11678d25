import type { StaffAccount } from '../staff/staffAccounts';
import { accountsWithDemoPassword } from '../staff/staffAccounts';
import type { AppConfig } from './config';

/**
 * What an operator must hear at every start of a production bot whose configuration is allowed
 * but not safe by default: /api/messages without Bot Framework authentication (the explicit
 * opt-in), /metrics without a token, and staff accounts with the shipped demo password (which
 * cannot sign in there). Empty outside production.
 */
export async function startupWarnings(config: AppConfig, staffAccounts: readonly StaffAccount[]): Promise<string[]> {
  if (config.NODE_ENV !== 'production') return [];
  const warnings: string[] = [];
  if (!config.MicrosoftAppId && config.ALLOW_UNAUTHENTICATED_MESSAGES) {
    warnings.push(
      'ALLOW_UNAUTHENTICATED_MESSAGES=true: POST /api/messages accepts activities without a Bot Framework token, so any caller can claim any user id; this is safe only behind a gateway that authenticates every caller (README, Deployment)'
    );
  }
  if (!config.METRICS_TOKEN) warnings.push('METRICS_TOKEN is not set: GET /metrics is open to anyone who reaches the bot (request volumes and times per department)');
  const demo = await accountsWithDemoPassword(staffAccounts);
  if (demo.length > 0) {
    warnings.push(
      `staff accounts with the shipped demo password cannot sign in in production: ${demo.join(', ')}; give them passwords of their own (npm run staff:hash) in STAFF_ACCOUNTS_FILE`
    );
  }
  return warnings;
}
