/**
 * What went wrong with an update, in terms the user can act on: the server could not be
 * reached (network, proxy, server down), or it answered something unusable (damaged or
 * missing metadata, a file that fails its checksum).
 */
export type UpdateFailure = 'unreachable' | 'invalid' | 'failed'

const NETWORK_CODES = /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|UND_ERR_\w+)$/
/** electron-updater's codes for a feed whose answer cannot be used. */
const INVALID_CODES = /^(ERR_UPDATER_INVALID_UPDATE_INFO|ERR_UPDATER_LATEST_VERSION_NOT_FOUND|ERR_UPDATER_NO_PUBLISHED_VERSIONS|ERR_UPDATER_INVALID_VERSION|ERR_CHECKSUM_MISMATCH|ERR_UPDATER_CHANNEL_FILE_NOT_FOUND)$/

export function classifyUpdateError(error: unknown): UpdateFailure {
  const codes = errorChain(error).map((e) => String((e as { code?: unknown }).code ?? ''))
  const text = errorChain(error).map((e) => String((e as { message?: unknown }).message ?? '')).join(' ')
  if (codes.some((code) => INVALID_CODES.test(code)) || /sha512 checksum mismatch|cannot parse|YAMLException/i.test(text)) return 'invalid'
  if (codes.some((code) => NETWORK_CODES.test(code)) || /net::ERR_|fetch failed|socket hang up|HttpError: (5\d\d|404|403|407)/.test(text)) return 'unreachable'
  return 'failed'
}

/** The error and its causes (fetch wraps the socket's error in `cause`). */
function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = []
  for (let e = error; e && typeof e === 'object' && chain.length < 5; e = (e as { cause?: unknown }).cause) chain.push(e)
  return chain
}
