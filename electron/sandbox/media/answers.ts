/** What the media server answers, and the refusals shared by its routes. */
import type { MediaSigner } from './signer'

export interface MediaAnswer {
  status: number
  type: string
  body: Buffer | string
}

/** COS-style XML error body. */
export function failure(status: number, code: string, message: string): MediaAnswer {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>\n`
  return { status, type: 'application/xml', body }
}

export function notFound(): MediaAnswer {
  return failure(404, 'NoSuchKey', 'The specified key does not exist.')
}

/**
 * A URL signed with `?exp=&sign=`: the signature first (a forged expiry fails it), then
 * the expiry itself (expired from the second `exp` names). undefined = allowed.
 */
export function checkExpiring(signer: MediaSigner, path: string, query: URLSearchParams, nowSec: number): MediaAnswer | undefined {
  const exp = query.get('exp') ?? ''
  const sign = query.get('sign') ?? ''
  if (!/^\d{1,12}$/.test(exp) || !sign) return failure(403, 'AccessDenied', 'The URL is not signed.')
  if (!signer.verify(path, exp, sign)) return failure(403, 'SignatureDoesNotMatch', 'The signature does not match.')
  if (nowSec >= Number(exp)) return failure(403, 'AccessDenied', 'Request has expired.')
  return undefined
}
