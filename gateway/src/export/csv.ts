/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF; a field holding a comma, a quote,
 * CR or LF is quoted, its quotes doubled. Values are written as they are (no "formula" prefix that
 * would change a statement's text): a spreadsheet should import the file as text, the README says.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(fields: readonly (string | number | null | undefined)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}
