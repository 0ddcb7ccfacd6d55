export { buildContentSecurityPolicy } from '../../core/security/content-security-policy'

/**
 * The renderer's Content-Security-Policy (defined in core), delivered as a response header on every response
 * of the window's session so no page or frame of ours runs without it.
 */

export interface HeadersReceivedDetails {
  responseHeaders?: Record<string, string[]>
}
export interface HeadersReceivedResponse {
  responseHeaders?: Record<string, string | string[]>
}
/** The slice of Electron's Session this module needs. */
export interface CspSession {
  webRequest: {
    onHeadersReceived(
      listener: (details: HeadersReceivedDetails, callback: (response: HeadersReceivedResponse) => void) => void,
    ): void
  }
}

/** Ours replaces any CSP the response carried, so the policy in force is exactly this one. */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const result: Record<string, string[]> = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value
  }
  // electronegativity: CSP_GLOBAL_CHECK the scanner cannot parse a policy held in a variable; it is
  // built by buildContentSecurityPolicy (default-src 'self', media/img/connect limited to the active
  // profile's origins) and checked in tests/main/content-security-policy.test.ts.
  result['Content-Security-Policy'] = [policy]
  return result
}

/** `policy` is asked on every response, so it follows the active profile. */
export function installContentSecurityPolicy(session: CspSession, policy: string | (() => string)): void {
  const current = typeof policy === 'string' ? () => policy : policy
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, current()) })
  })
}
