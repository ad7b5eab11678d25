/**
 * The one place that loads `natural`. `natural` loads dotenv on require and prints a line unless
 * DOTENV_CONFIG_QUIET is set first; an `import` statement would be hoisted above that assignment,
 * so this module sets the variable and then uses `require`.
 */
import type * as Natural from 'natural';

if (process.env.DOTENV_CONFIG_QUIET === undefined) process.env.DOTENV_CONFIG_QUIET = 'true';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const natural = require('natural') as typeof Natural;

export default natural;
