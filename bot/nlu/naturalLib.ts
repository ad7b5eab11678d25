/**
 * The one place that loads `natural`, and only the parts the bot uses: its word tokenizer and the
 * English and German Porter stemmers. `require('natural')` would load all of natural (half a second
 * at start-up, dotenv output, and ES-module-only dependencies that jest cannot load).
 */
import type * as Natural from 'natural';

/* eslint-disable @typescript-eslint/no-require-imports */
const natural = {
  WordTokenizer: require('natural/lib/natural/tokenizers/regexp_tokenizer').WordTokenizer as typeof Natural.WordTokenizer,
  PorterStemmer: require('natural/lib/natural/stemmers/porter_stemmer') as typeof Natural.PorterStemmer,
  PorterStemmerDe: require('natural/lib/natural/stemmers/porter_stemmer_de') as typeof Natural.PorterStemmerDe
};

export default natural;
