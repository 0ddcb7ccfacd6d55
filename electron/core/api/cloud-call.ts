import type { CallOptions, Params } from './cloud-client'
import type { CloudReply } from './envelope'

/** A call to the cloud as the signed-in user (SessionService.call, or the desk's audited call). */
export type CloudCall = (action: string, params: Params, call?: CallOptions) => Promise<CloudReply>
