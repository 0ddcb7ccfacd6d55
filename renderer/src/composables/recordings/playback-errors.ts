/** Why playback stopped, as the user is told (recordings.player.errors.*). */
export type PlaybackProblem = 'expired' | 'refused' | 'missing' | 'network' | 'media' | 'policy' | 'unsupported'

/** A refused request's status and body (the cloud's COS-style XML says whether it expired). */
export function problemOfHttp(status: number | undefined, body: unknown): PlaybackProblem {
  if (!status) return 'network'
  if (status === 403) return typeof body === 'string' && /expired/i.test(body) ? 'expired' : 'refused'
  if (status === 404 || status === 410) return 'missing'
  return 'network'
}
