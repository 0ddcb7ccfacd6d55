/**
 * Property and event history as it crosses the bridge. A million points travel as columns,
 * never a million small objects: times always, and values whenever every value is a number,
 * are Float64Arrays. Electron's IPC clones them as raw bytes; browser mode sends an answer
 * holding them as one binary WebSocket frame (shared/wire-binary.ts); ECharts reads them as
 * they are. Typed arrays hold only numbers, so the secret scrubbing skips them.
 */
import { z } from 'zod'

/** Checked by type, not element by element: a million numbers are never walked. */
export const float64Column = z.custom<Float64Array>((v) => v instanceof Float64Array, { message: 'expected a Float64Array' })

/** One property's points over the range asked for, in time order. */
export const historySeriesSchema = z.object({
  property: z.string(),
  /** Milliseconds since the epoch, ascending. */
  times: float64Column,
  /**
   * Same length as `times`. The cloud sends every value as text: text that reads as a
   * decimal number becomes a number (int, float, bool and enum values); the rest stays
   * text (a struct is its JSON text). A Float64Array when every value is a number, else an
   * array of numbers and text. Two different values at one millisecond both stay; exact
   * repeats are dropped (the cache keeps one value per millisecond).
   */
  values: z.union([float64Column, z.array(z.union([z.number(), z.string()]))]),
})
export type HistorySeries = z.infer<typeof historySeriesSchema>
export type HistorySeriesColumns = Omit<HistorySeries, 'property'>

/** An event of the device (AppListEventHistory), to mark on the chart by type. */
export const historyEventMarkSchema = z.object({
  /** The event's TimeStamp (whole seconds) in milliseconds. */
  timeMs: z.number(),
  eventId: z.string(),
  /** 'info', 'alert' or 'fault' on Tencent's cloud. */
  type: z.string(),
  /** The event's parameters as the cloud sent them (JSON text). */
  data: z.string(),
})
export type HistoryEventMark = z.infer<typeof historyEventMarkSchema>

export const historyFetchResultSchema = z.object({
  /** The job's id: the one the caller chose, or one made up for it. */
  jobId: z.string(),
  deviceId: z.string(),
  fromMs: z.number(),
  toMs: z.number(),
  /** One per property asked for, in the order asked. */
  series: z.array(historySeriesSchema),
  /** Empty when events were not asked for. */
  events: z.array(historyEventMarkSchema),
  /** What the local cache answered: points (and events), and the covered spans read. */
  fromCache: z.object({ points: z.number(), spans: z.number() }),
  /**
   * What came from the cloud: points (and events), pages, retried pages, and units fetched
   * (point segments, plus one per uncovered span of the events).
   */
  fetched: z.object({ points: z.number(), pages: z.number(), retries: z.number(), segments: z.number() }),
  /**
   * Data after this moment (the last few minutes, or the future) is fetched every time and
   * never cached: devices may still report into it.
   */
  cacheableUntilMs: z.number(),
})
export type HistoryFetchResult = z.infer<typeof historyFetchResultSchema>

/** Pushed while a fetch runs, at most one per 100 ms per job. */
export const historyProgressSchema = z.object({
  jobId: z.string(),
  /** Points (and events) received from the cloud so far. */
  points: z.number(),
  pages: z.number(),
  segmentsDone: z.number(),
  /** Point segments of all properties, plus one per uncovered span of the events. */
  segmentsTotal: z.number(),
})
export type HistoryProgress = z.infer<typeof historyProgressSchema>

export const historyCacheStatsSchema = z.object({
  /** Points and events kept. */
  points: z.number(),
  /** Covered spans kept (one property or one device's events each). */
  spans: z.number(),
  /** The cap: past it, least recently used spans are dropped. */
  maxPoints: z.number(),
})
export type HistoryCacheStats = z.infer<typeof historyCacheStatsSchema>
