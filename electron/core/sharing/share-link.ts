/**
 * The links a share token or a home invitation travels in. The reference defines no link format, so it is the
 * app's own: everything AppBindUserShareDevice needs (token, ProductId, DeviceName), in a
 * URL a receiving app can parse or a person can read the token out of.
 */
export const SHARE_LINK_PREFIX = 'explorerdesk://share-device'

export function shareLink(token: string, deviceId: string): string {
  const slash = deviceId.indexOf('/')
  const query = new URLSearchParams({ token, productId: deviceId.slice(0, slash), deviceName: deviceId.slice(slash + 1) })
  return `${SHARE_LINK_PREFIX}?${query.toString()}`
}

/** A home invitation (AppInviteMember's ShareToken): what AppJoinFamily needs. */
export function joinLink(shareToken: string): string {
  return `explorerdesk://join-family?${new URLSearchParams({ token: shareToken }).toString()}`
}
