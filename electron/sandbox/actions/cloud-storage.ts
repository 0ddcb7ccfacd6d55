/**
 * Cloud Storage Service, the browsing side: recorded days, a day's timeline, events with
 * their thumbnails. Recordings are generated per camera from the seed (media/recordings.ts)
 * and clipped to the world (media/camera-archive.ts); days are China Standard Time.
 * Every action answers under both spellings, lotVideo… and IotVideo… (camera-access.ts).
 */
import { ApiError, ErrorCode, invalidParam } from '../api/errors'
import { DAY_SECONDS, formatCstDate, parseCstDate } from '../media/cst'
import { chinaDayStart } from '../../../shared/time/china-time'
import { decodeCursor, encodeCursor, pageSize, type EventQuery } from '../media/event-pages'
import type { CloudEvent, Span } from '../media/recordings'
import { mediaSigner } from '../media/signer'
import { cosPath, cosQuery, parseThumbnailName, playlistPath, publicOrigin, thumbnailName } from '../media/urls'
import type { Device } from '../world/model'
import { archiveOf, cameraOf, inBothSpellings, nowSec } from './camera-access'
import { catalogParams, type TokenApiAction, type TokenCallContext } from './registry'

/** Size: "10 by default"; the reference gives no maximum (sandbox choice: 100). */
const DEFAULT_EVENT_SIZE = 10
const MAX_EVENT_SIZE = 100
/** Thumbnail links are valid for an hour, as the reference's q-sign-time window (1614909378;1614912978). */
const THUMBNAIL_TTL_SECONDS = 3600

const describeDate: TokenApiAction = {
  action: 'lotVideoDescribeCloudStorageDate',
  endpoint: 'tokenapi',
  // The example: Response {Data: ["2021-01-14"], RequestId}; oldest day first.
  shape: 'flat',
  params: catalogParams('lotVideoDescribeCloudStorageDate'),
  handle(ctx) {
    return { Data: archiveOf(ctx, cameraOf(ctx)).days().map(formatCstDate) }
  },
}

const describeTime: TokenApiAction = {
  action: 'lotVideoDescribeCloudStorageTime',
  endpoint: 'tokenapi',
  // The example nests {VideoURL, TimeList} in Response.Data (docs/api-decisions.md §3).
  shape: 'data',
  params: catalogParams('lotVideoDescribeCloudStorageTime'),
  handle(ctx) {
    const camera = cameraOf(ctx)
    const day = parseCstDate(ctx.params.Date as string)
    if (day === undefined) throw new ApiError(ErrorCode.InvalidParameter, `Date ${String(ctx.params.Date)} is not a YYYY-MM-DD date.`)
    const [from, to] = window(ctx, chinaDayStart(day), chinaDayStart(day) + DAY_SECONDS)
    const spans = archiveOf(ctx, camera).spansBetween(from, to)
    return {
      // The example's VideoURL is a UUID-like placeholder; the sandbox gives the day's
      // playlist (all its spans), which GenerateSignedVideoURL signs for playback, and ""
      // for a day without recordings.
      VideoURL: videoUrl(ctx, camera, spans),
      TimeList: spans.map((s) => ({ StartTime: s.start, EndTime: s.end })),
    }
  },
}

const describeEvents: TokenApiAction = {
  action: 'lotVideoDescribeCloudStorageEvents',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('lotVideoDescribeCloudStorageEvents'),
  handle(ctx) {
    const camera = cameraOf(ctx)
    const query = eventQuery(ctx)
    const archive = archiveOf(ctx, camera)
    const all = archive.eventsBetween(query.start, query.end).filter((e) => !query.eventId || e.eventId === query.eventId).reverse()
    const remaining = all.filter((e) => e.start < query.before)
    const page = remaining.slice(0, pageSize(ctx.cloud.world.seed, camera.deviceId, eventSize(ctx), query.before))
    const listover = page.length === remaining.length
    const last = page[page.length - 1]
    return {
      Events: page.map((e) => eventItem(camera, e)),
      Context: listover || !last ? '' : encodeCursor({ ...query, before: last.start }),
      Listover: listover,
      // "Number of internal results, not the total number of events": the sandbox reports
      // the events of the whole query (every page), the count a client can check against.
      Total: all.length,
      VideoURL: videoUrl(ctx, camera, archive.spansBetween(query.start, query.end)),
    }
  },
}

const describeThumbnail: TokenApiAction = {
  action: 'lotVideoDescribeCloudStorageThumbnail',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('lotVideoDescribeCloudStorageThumbnail'),
  handle(ctx) {
    const camera = cameraOf(ctx)
    const name = parseThumbnailName(ctx.params.Thumbnail as string)
    if (!name) throw new ApiError(ErrorCode.InvalidParameter, `Thumbnail ${String(ctx.params.Thumbnail)} is not a thumbnail file name.`)
    const ofCamera = name.productId === camera.productId && name.deviceName === camera.deviceName
    if (!ofCamera || !archiveOf(ctx, camera).eventStartingAt(name.start)) {
      throw invalidParam(`Thumbnail ${String(ctx.params.Thumbnail)} is not an event thumbnail of ${camera.deviceId}.`)
    }
    const path = cosPath(thumbnailName(camera.productId, camera.deviceName, name.start))
    const now = nowSec(ctx)
    const query = cosQuery(mediaSigner(ctx.cloud.options), path, now, now + THUMBNAIL_TTL_SECONDS)
    return { ThumbnailURL: `${publicOrigin(ctx.cloud)}${path}?${query}` }
  },
}

/** Optional StartTime/EndTime narrowing [from, to); 0 or absent leaves the bound alone. */
function window(ctx: TokenCallContext, from: number, to: number): [number, number] {
  const start = (ctx.params.StartTime as number | undefined) || from
  const end = (ctx.params.EndTime as number | undefined) || to
  if (start > end) throw invalidParam(`StartTime ${start} is after EndTime ${end}.`)
  return [Math.max(from, start), Math.min(to, end)]
}

/** A new query (StartTime 0 = now - 24 h, EndTime 0 = now), or the one its Context continues. */
function eventQuery(ctx: TokenCallContext): EventQuery {
  const context = ctx.params.Context as string | undefined
  if (context) {
    const query = decodeCursor(context)
    if (!query) throw new ApiError(ErrorCode.InvalidParameter, 'Context is not a cursor of this query.')
    return query
  }
  const now = nowSec(ctx)
  const start = (ctx.params.StartTime as number | undefined) || now - DAY_SECONDS
  const end = (ctx.params.EndTime as number | undefined) || now
  if (start > end) throw invalidParam(`StartTime ${start} is after EndTime ${end}.`)
  return { start, end, eventId: (ctx.params.EventId as string | undefined) ?? '', before: Infinity }
}

function eventSize(ctx: TokenCallContext): number {
  const size = (ctx.params.Size as number | undefined) ?? DEFAULT_EVENT_SIZE
  if (size < 1 || size > MAX_EVENT_SIZE) throw invalidParam(`Size must be from 1 to ${MAX_EVENT_SIZE}, not ${size}.`)
  return size
}

function eventItem(camera: Device, event: CloudEvent): Record<string, unknown> {
  return {
    StartTime: event.start,
    EndTime: event.end,
    Thumbnail: thumbnailName(camera.productId, camera.deviceName, event.start),
    EventId: event.eventId,
  }
}

/** The unsigned playlist of the spans ("" when there are none). */
export function videoUrl(ctx: TokenCallContext, camera: Device, spans: readonly Span[]): string {
  const first = spans[0]
  const last = spans[spans.length - 1]
  if (!first || !last) return ''
  const path = playlistPath({ productId: camera.productId, deviceName: camera.deviceName, start: first.start, end: last.end, kind: 'video' })
  return `${publicOrigin(ctx.cloud)}${path}`
}

export const cloudStorageActions = [describeDate, describeTime, describeEvents, describeThumbnail].flatMap(inBothSpellings)
