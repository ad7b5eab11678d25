import { hashPassword } from '../bot/staff/passwords';

/** `npm run staff:hash -- <password>`: prints the scrypt hash for a staff account's passwordHash. */
async function main(): Promise<void> {
  const password = process.argv[2];
  if (!password) {
    console.error('Usage: npm run staff:hash -- <password>');
    process.exit(2);
  }
  console.log(await hashPassword(password));
}

void main();
