/**
 * Property and event history as it crosses the bridge (issue #6). A million points travel
 * as two flat arrays per property rather than a million small objects: cheaper to clone
 * over IPC, to send as JSON in browser mode, and ECharts takes columns as they are.
 */

/** One property's points over the range asked for, in time order. */
export interface HistorySeries {
  property: string
  /** Milliseconds since the epoch, ascending. */
  times: number[]
  /**
   * Same length as `times`. The cloud sends every value as text: text that reads as a
   * decimal number becomes a number (int, float, bool and enum values); the rest stays
   * text (a struct is its JSON text). Two different values at one millisecond both stay;
   * exact repeats are dropped (the cache keeps one value per millisecond).
   */
  values: (number | string)[]
}

/** An event of the device (AppListEventHistory), to mark on the chart by type. */
export interface HistoryEventMark {
  /** The event's TimeStamp (whole seconds) in milliseconds. */
  timeMs: number
  eventId: string
  /** 'info', 'alert' or 'fault' on Tencent's cloud. */
  type: string
  /** The event's parameters as the cloud sent them (JSON text). */
  data: string
}

export interface HistoryFetchResult {
  /** The job's id: the one the caller chose, or one made up for it. */
  jobId: string
  deviceId: string
  fromMs: number
  toMs: number
  /** One per property asked for, in the order asked. */
  series: HistorySeries[]
  /** Empty when events were not asked for. */
  events: HistoryEventMark[]
  /** What the local cache answered: points (and events), and the covered spans read. */
  fromCache: { points: number; spans: number }
  /**
   * What came from the cloud: points (and events), pages, retried pages, and units fetched
   * (point segments, plus one per uncovered span of the events).
   */
  fetched: { points: number; pages: number; retries: number; segments: number }
  /**
   * Data after this moment (the last few minutes, or the future) is fetched every time and
   * never cached: devices may still report into it.
   */
  cacheableUntilMs: number
}

/** Pushed while a fetch runs, at most one per 100 ms per job. */
export interface HistoryProgress {
  jobId: string
  /** Points (and events) received from the cloud so far. */
  points: number
  pages: number
  segmentsDone: number
  /** Point segments of all properties, plus one per uncovered span of the events. */
  segmentsTotal: number
}

export interface HistoryCacheStats {
  /** Points and events kept. */
  points: number
  /** Covered spans kept (one property or one device's events each). */
  spans: number
  /** The cap: past it, least recently used spans are dropped. */
  maxPoints: number
}
