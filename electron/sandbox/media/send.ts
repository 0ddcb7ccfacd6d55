/**
 * Writes a media answer: CORS for the renderer's player, short private caching (URLs are
 * signed and expire), and single byte ranges so an <audio>/<video> element can seek.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { failure, type MediaAnswer } from './answers'

export function sendMedia(req: IncomingMessage, res: ServerResponse, answer: MediaAnswer): void {
  const full = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body
  const ranged = answer.status === 200 ? byteRange(req.headers.range, full.length) : undefined
  if (ranged === 'unsatisfiable') return sendMedia(req, res, failure(416, 'InvalidRange', 'The requested range is not satisfiable.'))
  const body = ranged ? full.subarray(ranged.start, ranged.end + 1) : full
  const headers: Record<string, string | number> = {
    'content-type': answer.type,
    'content-length': body.length,
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'GET, HEAD, OPTIONS',
    'access-control-allow-headers': 'range',
    'access-control-expose-headers': 'content-length, content-range',
    'cache-control': answer.status === 200 ? 'private, max-age=60' : 'no-store',
  }
  if (answer.status === 200) headers['accept-ranges'] = 'bytes'
  if (ranged) headers['content-range'] = `bytes ${ranged.start}-${ranged.end}/${full.length}`
  res.writeHead(ranged ? 206 : answer.status, headers)
  res.end(req.method === 'HEAD' ? undefined : body)
}

/** `bytes=a-b`, `bytes=a-` or `bytes=-n`; anything else (multiple ranges) gets the whole body. */
function byteRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null
  if (!m || (m[1] === '' && m[2] === '')) return undefined
  let start: number
  let end: number
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]))
    end = size - 1
  } else {
    start = Number(m[1])
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
  }
  return start > end || start >= size ? 'unsatisfiable' : { start, end }
}
