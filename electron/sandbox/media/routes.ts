/**
 * The sandbox's media server (GET/HEAD beside the API): recorded HLS playlists and
 * segments, event thumbnails and music. Like Tencent's CDN and COS, access is by the URL's
 * signature alone: an unsigned, tampered or expired URL is refused with 403 on every
 * request, playlist and segment alike; a well-signed URL of something that was never
 * recorded (or whose camera is gone) is a 404. Responses allow any origin, as the app's
 * player (hls.js) fetches them from the renderer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { CloudState } from '../actions/registry'
import { requestUrl } from '../http/request-url'
import { songAnswer } from '../music/media'
import { checkExpiring, failure, notFound, type MediaAnswer } from './answers'
import { CameraArchive } from './camera-archive'
import { AUDIO_SEGMENTS, fixture, MediaUnavailableError, thumbnailFile, VIDEO_SEGMENTS } from './fixtures'
import { buildPlaylist, fixtureIndexAt } from './playlist'
import { sendMedia } from './send'
import { mediaSigner, type MediaSigner } from './signer'
import {
  cosPath, parsePlaylistPath, parseSegmentPath, parseThumbnailName, playlistPath, segmentPath, signedQuery,
  type PlaylistRef, type SegmentRef,
} from './urls'
import { joinDeviceId } from '../../../shared/device-id'

const MEDIA_PATH = /^\/(timeshift|cos|kugou)\//

export function isMediaPath(path: string): boolean {
  return MEDIA_PATH.test(path)
}

export function serveMedia(cloud: CloudState, req: IncomingMessage, res: ServerResponse): void {
  req.resume()
  if (req.method === 'OPTIONS') return sendMedia(req, res, { status: 204, type: 'text/plain', body: '' })
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendMedia(req, res, failure(405, 'MethodNotAllowed', `${req.method ?? ''} is not supported here.`))
  }
  const url = requestUrl(req)
  sendMedia(req, res, url ? answerSafely(cloud, url) : failure(400, 'InvalidURI', 'The request target is not a URL.'))
}

function answerSafely(cloud: CloudState, url: URL): MediaAnswer {
  try {
    return answer(cloud, url)
  } catch (error) {
    if (error instanceof MediaUnavailableError) return failure(503, 'ServiceUnavailable', error.message)
    throw error
  }
}

function answer(cloud: CloudState, url: URL): MediaAnswer {
  const nowSec = Math.floor(cloud.options.clock() / 1000)
  const signer = mediaSigner(cloud.options)
  const playlist = parsePlaylistPath(url.pathname)
  if (playlist) return servePlaylist(cloud, signer, playlist, url.searchParams, nowSec)
  const segment = parseSegmentPath(url.pathname)
  if (segment) return serveSegment(cloud, signer, segment, url.searchParams, nowSec)
  if (url.pathname.startsWith('/cos/')) return serveThumbnail(cloud, signer, url, nowSec)
  return songAnswer(cloud, signer, url, nowSec) ?? notFound()
}

function servePlaylist(cloud: CloudState, signer: MediaSigner, ref: PlaylistRef, query: URLSearchParams, nowSec: number): MediaAnswer {
  const refused = checkExpiring(signer, playlistPath(ref), query, nowSec)
  if (refused) return refused
  const spans = archiveOf(cloud, ref.productId, ref.deviceName, nowSec)?.spansBetween(ref.start, ref.end) ?? []
  if (spans.length === 0) return notFound()
  // Segments inherit the playlist's expiry: the link stops playing when it expires.
  const exp = Number(query.get('exp'))
  const body = buildPlaylist(spans, ref.kind, (t) => signedQuery(signer, segmentPath({ ...ref, t }), exp))
  return { status: 200, type: 'application/vnd.apple.mpegurl', body }
}

function serveSegment(cloud: CloudState, signer: MediaSigner, ref: SegmentRef, query: URLSearchParams, nowSec: number): MediaAnswer {
  const refused = checkExpiring(signer, segmentPath(ref), query, nowSec)
  if (refused) return refused
  if (!archiveOf(cloud, ref.productId, ref.deviceName, nowSec)?.hasSegment(ref.t)) return notFound()
  const files = ref.kind === 'video' ? VIDEO_SEGMENTS : AUDIO_SEGMENTS
  return { status: 200, type: 'video/mp2t', body: fixture(files[fixtureIndexAt(ref.t)] as string) }
}

/** COS-style: q-sign-time "start;end" and q-signature over the object's path. */
function serveThumbnail(cloud: CloudState, signer: MediaSigner, url: URL, nowSec: number): MediaAnswer {
  const key = safeDecode(url.pathname.slice('/cos/'.length))
  const name = key === undefined ? undefined : parseThumbnailName(key)
  if (key === undefined || !name) return notFound()
  const window = url.searchParams.get('q-sign-time') ?? ''
  if (!signer.verify(cosPath(key), window, url.searchParams.get('q-signature') ?? '')) {
    return failure(403, 'SignatureDoesNotMatch', 'The signature does not match.')
  }
  if (nowSec > Number(window.split(';')[1])) return failure(403, 'AccessDenied', 'Request has expired.')
  const event = archiveOf(cloud, name.productId, name.deviceName, nowSec)?.eventStartingAt(name.start)
  return event ? { status: 200, type: 'image/jpeg', body: fixture(thumbnailFile(event.eventId)) } : notFound()
}

function archiveOf(cloud: CloudState, productId: string, deviceName: string, nowSec: number): CameraArchive | undefined {
  const device = cloud.world.devices.get(joinDeviceId(productId, deviceName))
  if (!device || cloud.world.products.get(device.productId)?.kind !== 'camera') return undefined
  return new CameraArchive(cloud, device, nowSec)
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text)
  } catch {
    return undefined
  }
}
