/**
 * Cloud Storage Service, the playing side: anti-hotlinking playback links and stream data.
 * Both spellings (lotVideo… / IotVideo…) answer, like the browsing actions.
 */
import { ApiError, ErrorCode, invalidParam } from '../api/errors'
import type { Span } from '../media/recordings'
import { floorToGrid } from '../media/recordings'
import { mediaSigner } from '../media/signer'
import { parsePlaylistPath, playlistPath, publicOrigin, signedQuery, type StreamKind } from '../media/urls'
import type { Device } from '../world/model'
import { archiveOf, cameraOf, inBothSpellings, nowSec } from './camera-access'
import { catalogParams, type TokenApiAction, type TokenCallContext } from './registry'

/** StreamData's window from StartTime, and how long its links play (sandbox choices). */
const STREAM_WINDOW_SECONDS = 300
const STREAM_TTL_SECONDS = 3600

const generateSignedVideoUrl: TokenApiAction = {
  action: 'lotVideoGenerateSignedVideoURL',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('lotVideoGenerateSignedVideoURL'),
  handle(ctx) {
    const camera = cameraOf(ctx)
    const url = parseUrl(ctx.params.VideoURL as string)
    const ref = parsePlaylistPath(url.pathname)
    if (!ref || ref.productId !== camera.productId || ref.deviceName !== camera.deviceName) {
      throw invalidParam(`VideoURL is not a recording of ${camera.deviceId}.`)
    }
    // ExpireTime is absolute Unix seconds: the example's 1619331648 is a date in 2021, in
    // the same unit as every other cloud-storage time. A past one (or a relative "3600")
    // cannot make a playable link.
    const expireTime = ctx.params.ExpireTime as number
    if (expireTime <= nowSec(ctx)) throw invalidParam(`ExpireTime ${expireTime} (Unix seconds) is not in the future.`)
    const path = playlistPath(ref)
    // Kept on the caller's origin, as the example keeps its host: only the query is added.
    return { SignedVideoURL: `${url.origin}${path}?${signedQuery(mediaSigner(ctx.cloud.options), path, expireTime)}` }
  },
}

/**
 * "Pulling Image Streaming Data" takes only StartTime (seconds, as the example) and answers
 * two addresses. The sandbox serves the recording from StartTime for up to five minutes,
 * within the span holding it (or the next one when StartTime falls in a gap): VideoStream is
 * the signed H.264 playlist, AudioStream the signed AAC playlist of the same window, both
 * valid for an hour.
 */
const describeStreamData: TokenApiAction = {
  action: 'lotVideoDescribeCloudStorageStreamData',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('lotVideoDescribeCloudStorageStreamData'),
  handle(ctx) {
    const camera = cameraOf(ctx)
    const startTime = ctx.params.StartTime as number
    const span = archiveOf(ctx, camera).spans.find((s) => s.end > startTime)
    if (!span) throw invalidParam(`${camera.deviceId} has no recording at or after StartTime ${startTime} (Unix seconds).`)
    const start = Math.max(span.start, floorToGrid(startTime))
    const window: Span = { start, end: Math.min(span.end, start + STREAM_WINDOW_SECONDS) }
    const expireTime = nowSec(ctx) + STREAM_TTL_SECONDS
    return {
      VideoStream: signedStream(ctx, camera, window, 'video', expireTime),
      AudioStream: signedStream(ctx, camera, window, 'audio', expireTime),
    }
  },
}

function parseUrl(text: string): URL {
  try {
    return new URL(text)
  } catch {
    throw new ApiError(ErrorCode.InvalidParameter, `VideoURL ${text} is not a URL.`)
  }
}

function signedStream(ctx: TokenCallContext, camera: Device, span: Span, kind: StreamKind, expireTime: number): string {
  const path = playlistPath({ productId: camera.productId, deviceName: camera.deviceName, start: span.start, end: span.end, kind })
  return `${publicOrigin(ctx.cloud)}${path}?${signedQuery(mediaSigner(ctx.cloud.options), path, expireTime)}`
}

export const cloudStorageLinkActions = [generateSignedVideoUrl, describeStreamData].flatMap(inBothSpellings)
