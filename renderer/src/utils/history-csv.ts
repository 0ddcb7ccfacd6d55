/**
 * CSV of what the chart shows: every point of every series inside the visible time window
 * (the current zoom), one row per point as time,device,property,value. Times are ISO 8601
 * UTC with milliseconds so a spreadsheet sorts them and nothing depends on a time zone;
 * values are the raw values the cloud reported (labels are a display matter): numbers stay
 * numbers, so a negative reading is -5 in the sheet, while text is formula-escaped
 * (shared/csv.ts).
 */
import { toCsv, type CsvCell } from '@shared/csv'
import { lowerBound } from './history-series'

export interface CsvSeries {
  deviceId: string
  property: { id: string }
  times: ArrayLike<number>
  values: ArrayLike<number | string>
}

export interface TimeWindow {
  fromMs: number
  toMs: number
}

const HEADER = ['time', 'device', 'property', 'value']

/** Points of the series within the window (both ends included), rows in time order per series. */
export function visibleCsv(series: readonly CsvSeries[], window: TimeWindow): string {
  const rows: CsvCell[][] = []
  for (const s of series) {
    const end = lowerBound(s.times, window.toMs + 1)
    for (let i = lowerBound(s.times, window.fromMs); i < end; i++) {
      rows.push([new Date(s.times[i] as number).toISOString(), s.deviceId, s.property.id, s.values[i]])
    }
  }
  return toCsv(HEADER, rows)
}

/** Points within the window, for "n points visible" and the export button. */
export function visibleCount(series: readonly CsvSeries[], window: TimeWindow): number {
  let n = 0
  for (const s of series) n += lowerBound(s.times, window.toMs + 1) - lowerBound(s.times, window.fromMs)
  return n
}
