/** Minimal RFC 4180 CSV reading and writing (quoted fields, doubled quotes, CRLF or LF). */

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let i = 0;
  // Strip a UTF-8 BOM so the first header name is not polluted.
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      inQuotes = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else {
      field += ch;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    if (row.length > 1 || row[0] !== '') rows.push(row);
  }
  return rows;
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

export interface LabelledRow {
  text: string;
  category: string;
  lang?: string;
}

/** Reads a `text,category[,lang]` file; columns are found by header name. */
export function parseLabelledCsv(content: string): LabelledRow[] {
  const rows = parseCsv(content);
  if (rows.length === 0) return [];
  const header = rows[0].map((h) => h.trim().toLowerCase());
  const textCol = header.indexOf('text');
  const catCol = header.indexOf('category') >= 0 ? header.indexOf('category') : header.indexOf('intent');
  const langCol = header.indexOf('lang');
  if (textCol < 0 || catCol < 0) throw new Error('CSV needs a header with text and category columns');
  const out: LabelledRow[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const text = row[textCol] ?? '';
    const category = (row[catCol] ?? '').trim();
    if (!text.trim() || !category) continue;
    const entry: LabelledRow = { text, category };
    if (langCol >= 0 && row[langCol]) entry.lang = row[langCol].trim();
    out.push(entry);
  }
  return out;
}
