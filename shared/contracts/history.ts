/** Property and event history for charts, with its local cache. */
import { z } from 'zod'
import { historyCacheStatsSchema, historyFetchResultSchema, historyProgressSchema } from '../history'
import { command, contract, noArgs } from './define'

/** Data template identifiers are letters, digits and underscores (Tencent allows 32; room to spare). */
const property = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'a property identifier (letters, digits, _)')
const jobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a job id is 1–64 letters, digits, - or _')
const ms = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)

export const historyFetchSchema = z
  .object({
    deviceId: z.string().trim().min(1).max(128),
    /** Up to 8 properties of the device, each a series of the answer. */
    properties: z.array(property).min(1).max(8),
    /** Both ends included, in milliseconds since the epoch. */
    fromMs: ms,
    toMs: ms,
    /** Segments fetched concurrently (1 = one request at a time). */
    segments: z.number().int().min(1).max(32).default(8),
    /** Also the device's events over the range (AppListEventHistory), for markers. */
    events: z.boolean().default(true),
    /** Chosen by the caller so it can cancel before the answer; made up when absent. */
    jobId: jobId.optional(),
  })
  .strict()
  .refine((a) => a.fromMs <= a.toMs, { message: 'fromMs must not be after toMs', path: ['toMs'] })
  .refine((a) => new Set(a.properties).size === a.properties.length, { message: 'a property is listed twice', path: ['properties'] })

export const historyContract = contract(
  {
    /** Points of the properties over the range (cache first, then the cloud); progress as 'history.progress'. */
    'history.fetch': command(historyFetchSchema, historyFetchResultSchema),
    /** Stops a running fetch: its requests are aborted and it answers a 'cancelled' error. */
    'history.cancel': command(z.object({ jobId }).strict(), z.object({ cancelled: z.boolean() })),
    'history.cacheStats': command(noArgs, historyCacheStatsSchema),
    'history.clearCache': command(noArgs, z.object({ removedPoints: z.number() })),
    /** Caps the cache (points and events); kept across restarts; 0 keeps nothing. */
    'history.setCacheLimit': command(z.object({ maxPoints: z.number().int().min(0).max(100_000_000) }).strict(), historyCacheStatsSchema),
  },
  {
    /** A running history fetch's counts, at most one event per 100 ms per job. */
    'history.progress': historyProgressSchema,
  },
)
