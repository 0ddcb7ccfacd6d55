/**
 * The sandbox's media URLs, modelled on the reference's examples:
 * - recordings: `{origin}/timeshift/{ProductId}/{DeviceName}/{start}-{end}.m3u8` (the
 *   examples' ".../timeshift/live/1.m3u8"); the audio of the same range ends `.audio.m3u8`;
 *   segments `.../v/{t}.ts` and `.../a/{t}.ts`; signed with `?exp={unix s}&sign={hex}`
 *   (the example's "...1.m3u8?sign=x");
 * - event thumbnails: the object key `/{uin}/{ProductId}/{DeviceName}/events/{start}.jpg`
 *   (the example's "/100008401725/AQTV2839QJ/sp01_32820237_7/events/1615200613.jpg"),
 *   served COS-style at `{origin}/cos/{url-encoded key}?q-sign-time=a;b&q-signature=...`;
 * - music: `{origin}/kugou/song/{song_id}.mp3` (signed) and `/kugou/cover/{album_id}.jpg`.
 */
import type { CloudState } from '../actions/registry'
import type { MediaSigner } from './signer'

export type StreamKind = 'video' | 'audio'

export interface PlaylistRef {
  productId: string
  deviceName: string
  start: number
  end: number
  kind: StreamKind
}

export interface SegmentRef {
  productId: string
  deviceName: string
  t: number
  kind: StreamKind
}

/** Owner uin printed in thumbnail keys (the reference's "100008401725"); fixed for the sandbox. */
export const SANDBOX_UIN = '100000000001'

/** Where the sandbox listens (set once listening); a best guess for an in-process cloud. */
export function publicOrigin(cloud: CloudState): string {
  return cloud.publicUrl || `http://127.0.0.1:${cloud.options.port}`
}

const enc = encodeURIComponent

export function playlistPath(ref: PlaylistRef): string {
  const suffix = ref.kind === 'audio' ? '.audio.m3u8' : '.m3u8'
  return `/timeshift/${enc(ref.productId)}/${enc(ref.deviceName)}/${ref.start}-${ref.end}${suffix}`
}

export function parsePlaylistPath(path: string): PlaylistRef | undefined {
  const m = /^\/timeshift\/([^/]+)\/([^/]+)\/(\d{1,12})-(\d{1,12})(\.audio)?\.m3u8$/.exec(path)
  if (!m) return undefined
  const names = decodeNames(m[1] as string, m[2] as string)
  if (!names) return undefined
  return { ...names, start: Number(m[3]), end: Number(m[4]), kind: m[5] ? 'audio' : 'video' }
}

/** Relative to the playlist's folder, so the playlist works behind any origin. */
export function segmentName(kind: StreamKind, t: number): string {
  return `${kind === 'video' ? 'v' : 'a'}/${t}.ts`
}

export function segmentPath(ref: SegmentRef): string {
  return `/timeshift/${enc(ref.productId)}/${enc(ref.deviceName)}/${segmentName(ref.kind, ref.t)}`
}

export function parseSegmentPath(path: string): SegmentRef | undefined {
  const m = /^\/timeshift\/([^/]+)\/([^/]+)\/(v|a)\/(\d{1,12})\.ts$/.exec(path)
  if (!m) return undefined
  const names = decodeNames(m[1] as string, m[2] as string)
  if (!names) return undefined
  return { ...names, t: Number(m[4]), kind: m[3] === 'v' ? 'video' : 'audio' }
}

export function signedQuery(signer: MediaSigner, path: string, expireTime: number): string {
  return `exp=${expireTime}&sign=${signer.sign(path, String(expireTime))}`
}

export function thumbnailName(productId: string, deviceName: string, start: number): string {
  return `/${SANDBOX_UIN}/${productId}/${deviceName}/events/${start}.jpg`
}

/** Accepts the key with or without its leading slash. */
export function parseThumbnailName(name: string): { productId: string; deviceName: string; start: number } | undefined {
  const m = /^\/?\d+\/([^/]+)\/([^/]+)\/events\/(\d{1,12})\.jpg$/.exec(name)
  return m ? { productId: m[1] as string, deviceName: m[2] as string, start: Number(m[3]) } : undefined
}

export function cosPath(name: string): string {
  return `/cos/${enc(name.startsWith('/') ? name : `/${name}`)}`
}

/** The reference's COS query: a one-hour q-sign-time window, HMAC-SHA1 hex signature. */
export function cosQuery(signer: MediaSigner, path: string, from: number, to: number): string {
  const window = `${from};${to}`
  const encoded = enc(window)
  return [
    'q-sign-algorithm=sha1',
    'q-ak=SandboxSecretId',
    `q-sign-time=${encoded}`,
    `q-key-time=${encoded}`,
    'q-header-list=host',
    'q-url-param-list=',
    `q-signature=${signer.sign(path, window)}`,
  ].join('&')
}

export function songPath(songId: string): string {
  return `/kugou/song/${enc(songId)}.mp3`
}

export function coverPath(albumId: string): string {
  return `/kugou/cover/${enc(albumId)}.jpg`
}

function decodeNames(product: string, device: string): { productId: string; deviceName: string } | undefined {
  try {
    return { productId: decodeURIComponent(product), deviceName: decodeURIComponent(device) }
  } catch {
    return undefined
  }
}
