/**
 * The local history cache in the SQLite store. Points are kept per series (a cloud, a
 * device and a property, or a device's events), with the spans of time they are known
 * complete for: a range read again is answered from here and only its uncovered parts are
 * fetched. Points are stored as chunks of columns (chunk-codec.ts), one per piece stored,
 * so reading a million of them is a few blob reads rather than a million rows. The cloud is part of the key because two clouds (or two runs of the embedded
 * sandbox, whose history is generated afresh each start) can name the same device.
 * Past `maxPoints` points and events, least recently used spans go first, with their points.
 */
import type { HistoryCacheStats, HistoryEventMark } from '../../../shared/history'
import type { Db } from '../store/database'
import { decodeChunk, encodeChunk, joinChunks, type ChunkRow } from './chunk-codec'
import { ColumnBuilder, isOrdered, sortByTime, type ColumnsView, type PointValue } from './columns'
import { mergeSpans, uncovered, type Span } from './spans'

/** The series of a device's events (no property can be named so: identifiers are \w+). */
export const EVENTS_SERIES = '@events'
export const DEFAULT_MAX_POINTS = 2_000_000
const MAX_POINTS_KEY = 'cache.maxPoints'

export interface SeriesKey {
  scope: string
  deviceId: string
  property: string
}

/** What one fetch adds: the spans now known complete, and what the cloud had in them. */
export type StoreItem =
  | { seriesId: number; spans: Span[]; points: ColumnsView }
  | { seriesId: number; spans: Span[]; events: HistoryEventMark[] }

interface SpanRow {
  series_id: number
  from_ms: number
  to_ms: number
  items: number
}

export class HistoryCache {
  private readonly q
  /** The last use stamped: uses get strictly increasing stamps, so LRU order has no ties. */
  private lastUse: number

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    this.q = {
      series: db.prepare('SELECT id FROM history_series WHERE scope = ? AND device_id = ? AND property = ?').pluck(),
      addSeries: db.prepare('INSERT INTO history_series (scope, device_id, property) VALUES (?, ?, ?)'),
      spans: db.prepare('SELECT from_ms AS fromMs, to_ms AS toMs FROM history_spans WHERE series_id = ? AND to_ms >= ? AND from_ms <= ? ORDER BY from_ms'),
      touching: db.prepare('SELECT from_ms AS fromMs, to_ms AS toMs FROM history_spans WHERE series_id = ? AND to_ms >= ? AND from_ms <= ?'),
      dropSpans: db.prepare('DELETE FROM history_spans WHERE series_id = ? AND to_ms >= ? AND from_ms <= ?'),
      addSpan: db.prepare('INSERT INTO history_spans (series_id, from_ms, to_ms, items, last_used_ms) VALUES (?, ?, ?, ?, ?)'),
      touch: db.prepare('UPDATE history_spans SET last_used_ms = ? WHERE series_id = ? AND to_ms >= ? AND from_ms <= ?'),
      chunks: db.prepare('SELECT from_ms AS fromMs, to_ms AS toMs, count, times, numbers, texts FROM history_chunks WHERE series_id = ? AND to_ms >= ? AND from_ms <= ? ORDER BY from_ms'),
      events: db.prepare('SELECT time_ms AS timeMs, event_id AS eventId, type, data FROM history_events WHERE series_id = ? AND time_ms BETWEEN ? AND ? ORDER BY time_ms, seq'),
      addChunk: db.prepare('INSERT INTO history_chunks (series_id, from_ms, to_ms, count, times, numbers, texts) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      addEvent: db.prepare('INSERT OR IGNORE INTO history_events (series_id, time_ms, seq, event_id, type, data) VALUES (?, ?, ?, ?, ?, ?)'),
      countPoints: db.prepare('SELECT COALESCE(SUM(count), 0) FROM history_chunks WHERE series_id = ? AND from_ms BETWEEN ? AND ?').pluck(),
      countEvents: db.prepare('SELECT COUNT(*) FROM history_events WHERE series_id = ? AND time_ms BETWEEN ? AND ?').pluck(),
      total: db.prepare('SELECT COALESCE(SUM(items), 0) AS points, COUNT(*) AS spans FROM history_spans'),
      oldest: db.prepare('SELECT series_id, from_ms, to_ms, items FROM history_spans ORDER BY last_used_ms, from_ms LIMIT 1'),
      dropPoints: db.prepare('DELETE FROM history_chunks WHERE series_id = ? AND from_ms BETWEEN ? AND ?'),
      dropEvents: db.prepare('DELETE FROM history_events WHERE series_id = ? AND time_ms BETWEEN ? AND ?'),
      dropSpan: db.prepare('DELETE FROM history_spans WHERE series_id = ? AND from_ms = ?'),
      setting: db.prepare('SELECT value FROM history_settings WHERE key = ?').pluck(),
      setSetting: db.prepare('INSERT INTO history_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    }
    this.lastUse = (db.prepare('SELECT COALESCE(MAX(last_used_ms), 0) FROM history_spans').pluck().get() as number) ?? 0
  }

  /** The series' id, made on first use. */
  seriesId({ scope, deviceId, property }: SeriesKey): number {
    const known = this.q.series.get(scope, deviceId, property) as number | undefined
    return known ?? Number(this.q.addSeries.run(scope, deviceId, property).lastInsertRowid)
  }

  /** The parts of `range` the cache holds completely, in time order. */
  covered(seriesId: number, range: Span): Span[] {
    const spans = this.q.spans.all(seriesId, range.fromMs, range.toMs) as Span[]
    return spans.map((s) => ({ fromMs: Math.max(s.fromMs, range.fromMs), toMs: Math.min(s.toMs, range.toMs) }))
  }

  /** The points of a covered span: views of the stored chunks, cut to the span. */
  readPoints(seriesId: number, span: Span): ColumnsView {
    const rows = this.q.chunks.all(seriesId, span.fromMs, span.toMs) as ChunkRow[]
    return joinChunks(rows.map(decodeChunk), span)
  }

  readEvents(seriesId: number, span: Span): HistoryEventMark[] {
    return this.q.events.all(seriesId, span.fromMs, span.toMs) as HistoryEventMark[]
  }

  /** Stores what a fetch brought and marks its spans covered, all in one transaction. */
  store(items: readonly StoreItem[]): void {
    const at = this.useStamp()
    this.db.transaction(() => {
      for (const item of items) {
        if ('points' in item) this.insertPoints(item.seriesId, item.spans, item.points)
        else this.insertEvents(item.seriesId, item.spans, item.events)
        for (const span of item.spans) this.addSpan(item.seriesId, span, 'points' in item, at)
      }
    })()
  }

  /** Marks the spans a range read as just used, so eviction keeps them longest. */
  touch(seriesIds: readonly number[], range: Span): void {
    const at = this.useStamp()
    this.db.transaction(() => {
      for (const id of seriesIds) this.q.touch.run(at, id, range.fromMs, range.toMs)
    })()
  }

  /** Drops least recently used spans until the cache holds at most `maxPoints`; answers how many went. */
  evict(maxPoints = this.maxPoints()): number {
    let dropped = 0
    this.db.transaction(() => {
      let total = this.stats().points
      while (total > maxPoints) {
        const oldest = this.q.oldest.get() as SpanRow | undefined
        if (!oldest) break
        this.q.dropPoints.run(oldest.series_id, oldest.from_ms, oldest.to_ms)
        this.q.dropEvents.run(oldest.series_id, oldest.from_ms, oldest.to_ms)
        this.q.dropSpan.run(oldest.series_id, oldest.from_ms)
        total -= oldest.items
        dropped += oldest.items
      }
    })()
    return dropped
  }

  stats(): HistoryCacheStats {
    const { points, spans } = this.q.total.get() as { points: number; spans: number }
    return { points, spans, maxPoints: this.maxPoints() }
  }

  /** Empties the cache; answers how many points and events were dropped. */
  clear(): number {
    const { points } = this.stats()
    this.db.exec('DELETE FROM history_chunks; DELETE FROM history_events; DELETE FROM history_spans; DELETE FROM history_series;')
    return points
  }

  maxPoints(): number {
    const stored = this.q.setting.get(MAX_POINTS_KEY) as string | undefined
    return stored === undefined ? DEFAULT_MAX_POINTS : Number(stored)
  }

  setMaxPoints(maxPoints: number): void {
    this.q.setSetting.run(MAX_POINTS_KEY, String(maxPoints))
  }

  /** Now, or just after the last use if the clock has not moved on (or went back). */
  private useStamp(): number {
    this.lastUse = Math.max(this.now(), this.lastUse + 1)
    return this.lastUse
  }

  /**
   * One chunk per stored span, of the points inside it, the first value of a millisecond
   * kept. Only the parts no span covers yet are written: two jobs that fetched the same gap
   * store it once, the earlier one winning, and chunks never overlap.
   */
  private insertPoints(seriesId: number, spans: readonly Span[], given: ColumnsView): void {
    const points = isOrdered(given.times) ? given : sortByTime(given)
    for (const stored of spans) {
      for (const span of uncovered(stored, this.covered(seriesId, stored))) {
        const chunk = new ColumnBuilder(points.times.length)
        for (let i = 0; i < points.times.length; i++) {
          const t = points.times[i] as number
          if (t < span.fromMs || t > span.toMs) continue
          if (chunk.length > 0 && chunk.timeAt(chunk.length - 1) === t) continue
          chunk.push(t, points.values[i] as PointValue)
        }
        if (chunk.length === 0) continue
        const row = encodeChunk(chunk.finish())
        this.q.addChunk.run(seriesId, row.fromMs, row.toMs, row.count, row.times, row.numbers, row.texts)
      }
    }
  }

  private insertEvents(seriesId: number, spans: readonly Span[], events: readonly HistoryEventMark[]): void {
    // seq tells apart events of one second; all of a second's events come in one fetch.
    let seq = 0
    events.forEach((e, i) => {
      seq = i > 0 && events[i - 1]?.timeMs === e.timeMs ? seq + 1 : 0
      if (spans.some((s) => e.timeMs >= s.fromMs && e.timeMs <= s.toMs)) this.q.addEvent.run(seriesId, e.timeMs, seq, e.eventId, e.type, e.data)
    })
  }

  /** Joins `span` with the spans it overlaps or touches, and recounts what the joined span holds. */
  private addSpan(seriesId: number, span: Span, isPoints: boolean, at: number): void {
    const near = this.q.touching.all(seriesId, span.fromMs - 1, span.toMs + 1) as Span[]
    const [joined] = mergeSpans([span, ...near]) as [Span]
    this.q.dropSpans.run(seriesId, joined.fromMs, joined.toMs)
    const count = isPoints ? this.q.countPoints : this.q.countEvents
    const items = count.get(seriesId, joined.fromMs, joined.toMs) as number
    this.q.addSpan.run(seriesId, joined.fromMs, joined.toMs, items, at)
  }
}
