import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { verifyPassword } from './passwords';

export const STAFF_ROLES = ['agent', 'lead', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const accountSchema = z
  .object({
    username: z.string().regex(/^[a-z0-9._-]{3,64}$/, 'usernames are 3–64 of a-z 0-9 . _ -'),
    name: z.string().trim().min(1),
    department: z.string().min(1),
    role: z.enum(STAFF_ROLES),
    passwordHash: z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'must be a scrypt hash (see npm run staff:hash)')
  })
  .strict();

/** The password of the shipped demo accounts (staff/accounts.json): refused in production. */
export const DEMO_PASSWORD = 'anlaufstelle-demo';

/** A staff account as stored: the password only as scrypt hash. */
export type StaffAccount = z.infer<typeof accountSchema>;

/** A signed-in staff member, as the console and the API see them. */
export interface StaffUser {
  username: string;
  name: string;
  department: string;
  role: StaffRole;
}

/** Thrown when the accounts file is missing or invalid. */
export class StaffAccountsError extends Error {}

/** Reads and validates the staff accounts file; every account's department must exist. */
export function loadStaffAccounts(file: string, departments: ReadonlySet<string>): StaffAccount[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new StaffAccountsError(`Staff accounts file ${file}: ${(error as Error).message}`);
  }
  const parsed = z.object({ accounts: z.array(z.unknown()) }).strict().safeParse(json);
  if (!parsed.success) throw new StaffAccountsError(`Staff accounts file ${file}: expected { "accounts": [...] }`);
  const problems: string[] = [];
  const accounts: StaffAccount[] = [];
  const seen = new Set<string>();
  parsed.data.accounts.forEach((raw, index) => {
    const result = accountSchema.safeParse(raw);
    const label = typeof (raw as { username?: unknown })?.username === 'string' ? `"${(raw as { username: string }).username}"` : `#${index + 1}`;
    if (!result.success) {
      for (const issue of result.error.issues) problems.push(`account ${label}: ${issue.path.join('.')}: ${issue.message}`);
      return;
    }
    if (result.data.role !== 'admin' && !departments.has(result.data.department)) problems.push(`account ${label}: unknown department "${result.data.department}"`);
    if (seen.has(result.data.username)) problems.push(`account ${label}: duplicate username`);
    seen.add(result.data.username);
    accounts.push(result.data);
  });
  if (problems.length > 0) throw new StaffAccountsError(`Staff accounts file ${file} is invalid:\n  ${problems.join('\n  ')}`);
  return accounts;
}

/** The public part of an account. */
export function toStaffUser(account: StaffAccount): StaffUser {
  return { username: account.username, name: account.name, department: account.department, role: account.role };
}

/** The accounts whose password is the shipped demo password (checked with scrypt, so it takes a moment). */
export async function accountsWithDemoPassword(accounts: readonly StaffAccount[]): Promise<string[]> {
  const checked = await Promise.all(accounts.map(async (account) => ((await verifyPassword(DEMO_PASSWORD, account.passwordHash)) ? account.username : undefined)));
  return checked.filter((username): username is string => username !== undefined);
}
