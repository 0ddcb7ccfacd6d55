/** What the cloud-storage (recordings) commands answer across the bridge. */
import { z } from 'zod'

/** A playable link of a recording and when it stops working. */
export const signedVideoUrlSchema = z.object({
  url: z.string(),
  /** Unix seconds; the player re-signs before it. */
  expireTime: z.number(),
  requestId: z.string(),
})
export type SignedVideoUrl = z.infer<typeof signedVideoUrlSchema>
