// natural loads dotenv whenever it is required and prints a line unless told to be quiet; this module
// is imported first by the entry point so that the variable is set before natural is loaded.
if (process.env.DOTENV_CONFIG_QUIET === undefined) process.env.DOTENV_CONFIG_QUIET = 'true';
