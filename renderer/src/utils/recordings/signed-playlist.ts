/**
 * Re-signing a playing recording without restarting it. A signed playlist lists signed
 * segment URLs that expire with it; hls.js never reloads a VOD playlist, so after
 * re-signing the app reads the fresh playlist and serves every later segment request from
 * it: the same segment (same path), the fresh signature.
 */

/** Segment URL without its query → the freshly signed URL, from a playlist's text. */
export function freshSegmentUrls(playlist: string, playlistUrl: string): Map<string, string> {
  const map = new Map<string, string>()
  for (const raw of playlist.split(/\r?\n/)) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    const url = new URL(line, playlistUrl)
    map.set(withoutQuery(url.href), url.href)
  }
  return map
}

export function withoutQuery(url: string): string {
  const at = url.search(/[?#]/)
  return at < 0 ? url : url.slice(0, at)
}
