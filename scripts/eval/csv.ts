/**
 * Parses RFC 4180 CSV: fields separated by commas, records by LF or CRLF, fields optionally in double
 * quotes with "" for a quote inside; quoted fields may contain commas and line breaks. A leading
 * UTF-8 byte-order mark is ignored. Throws an Error naming the line of an unterminated quote or of
 * stray characters after a closing quote.
 */
export function parseCsv(content: string): string[][] {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let line = 1;
  let i = 0;
  let atFieldStart = true;
  while (i < text.length) {
    const ch = text[i];
    if (atFieldStart && ch === '"') {
      const quoteLine = line;
      i++;
      for (;;) {
        if (i >= text.length) throw new Error(`unterminated quoted field starting on line ${quoteLine}`);
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new Error(`unexpected character ${JSON.stringify(next)} after a closing quote on line ${line}`);
      }
      atFieldStart = false;
      continue;
    }
    if (ch === ',') {
      record.push(field);
      field = '';
      atFieldStart = true;
      i++;
    } else if (ch === '\n' || ch === '\r') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      atFieldStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
    } else {
      field += ch;
      atFieldStart = false;
      i++;
    }
  }
  if (!atFieldStart || field.length > 0 || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
