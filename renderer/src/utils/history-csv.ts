/**
 * CSV of what the chart shows: every point of every series inside the visible time window
 * (the current zoom), one row per point as time,device,property,value. Times are ISO 8601
 * UTC with milliseconds so a spreadsheet sorts them and nothing depends on a time zone;
 * values are the raw values the cloud reported (labels are a display matter).
 */
import { lowerBound } from './history-series'

export interface CsvSeries {
  deviceId: string
  property: { id: string }
  times: readonly number[]
  values: readonly (number | string)[]
}

export interface TimeWindow {
  fromMs: number
  toMs: number
}

const HEADER = 'time,device,property,value'

/** Quotes a field when it holds a comma, quote or line break; neutralises spreadsheet formulas. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** Points of the series within the window (both ends included), rows in time order per series. */
export function visibleCsv(series: readonly CsvSeries[], window: TimeWindow): string {
  const lines = [HEADER]
  for (const s of series) {
    const device = csvField(s.deviceId)
    const property = csvField(s.property.id)
    const end = lowerBound(s.times, window.toMs + 1)
    for (let i = lowerBound(s.times, window.fromMs); i < end; i++) {
      lines.push(`${new Date(s.times[i] as number).toISOString()},${device},${property},${csvField(String(s.values[i]))}`)
    }
  }
  return lines.join('\r\n') + '\r\n'
}

/** Points within the window, for "n points visible" and the export button. */
export function visibleCount(series: readonly CsvSeries[], window: TimeWindow): number {
  let n = 0
  for (const s of series) n += lowerBound(s.times, window.toMs + 1) - lowerBound(s.times, window.fromMs)
  return n
}
