// natural loads dotenv on require and would print a line per test file.
process.env.DOTENV_CONFIG_QUIET = 'true';
process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'silent';
