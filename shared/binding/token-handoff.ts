/**
 * How the app hands a Wi-Fi configuration (bind) token to the device side: the JSON message
 * Tencent's SoftAP configuration sends the device ({"cmdType":1,"token":...}; the Wi-Fi SSID
 * and password travel beside it on the device's own network and are never put here), shown
 * as a QR code and as text. The device reads the token back out of either.
 */

/** cmdType 1: "connect and report this token". */
export function tokenHandoffText(token: string): string {
  return JSON.stringify({ cmdType: 1, token })
}

/** The token in the hand-over message, or the bare token typed as it is; null when neither. */
export function readTokenHandoff(text: string): string | null {
  const trimmed = text.trim()
  if (/^[A-Za-z0-9]{8,128}$/.test(trimmed)) return trimmed
  try {
    const value = JSON.parse(trimmed) as { cmdType?: unknown; token?: unknown }
    return value.cmdType === 1 && typeof value.token === 'string' && /^[A-Za-z0-9]{8,128}$/.test(value.token) ? value.token : null
  } catch {
    return null
  }
}
