import { CsvError, parse } from 'csv-parse/sync';
import { HttpError } from '../../http/http-error';

/**
 * RFC 4180 CSV through csv-parse (a maintained parser, instead of our own): quoted fields may hold commas,
 * doubled quotes and line breaks; rows end in LF, CRLF or CR; rows may differ in length (the caller reports
 * short ones); cells keep their spaces; rows with nothing but spaces are dropped. A file that is not CSV
 * (a quote never closed) is a 400, not a guess.
 */
export function parseCsv(text: string): string[][] {
  try {
    const rows = parse(text, {
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    });
    return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    throw new HttpError(400, 'validation', `Invalid CSV: ${error.message}`, { what: 'CSV' });
  }
}
