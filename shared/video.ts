/** What the cloud-storage (recordings) commands answer across the bridge. */

/** A playable link of a recording and when it stops working. */
export interface SignedVideoUrl {
  url: string
  /** Unix seconds; the player re-signs before it. */
  expireTime: number
  requestId: string
}
