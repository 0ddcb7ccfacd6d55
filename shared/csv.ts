/**
 * Every CSV the app writes (audit log, rollout report, history export), in one way:
 * RFC 4180 quoting, CRLF line ends, and spreadsheet formula injection defused per OWASP —
 * a text cell starting with = + - @ tab or CR (or their full-width forms) gets a leading
 * apostrophe, so Excel or LibreOffice shows it instead of running it.
 *
 * Only text is escaped. A number written as a number (a property value of -5) is data, and
 * stays -5; the same characters arriving as text ("-5" in a device alias or a request's
 * parameters) are escaped to '-5, because the app cannot tell text that looks numeric from
 * a crafted formula such as -2+3+cmd|'/C calc'!A0. Callers pass numbers as numbers.
 *
 * The browser build of csv-stringify is the one that runs in both Node (core) and the
 * renderer (vite) without Node built-ins.
 */
import { stringify } from 'csv-stringify/browser/esm/sync'

export type CsvCell = string | number | boolean | null | undefined

/** A header row and data rows as one CSV text, ending in CRLF. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  return stringify([header, ...rows] as CsvCell[][], {
    record_delimiter: 'windows',
    // Without this, a custom record delimiter leaves a lone \n or \r in a cell unquoted.
    quote_record_delimiter: true,
    escape_formulas: true,
    cast: { boolean: (value) => String(value) },
  })
}
