import type { BridgeError } from '@shared/errors'
import { LocalCode, isBridgeError } from '@shared/errors'

/**
 * What a failed bridge call throws. It carries the bridge's error untouched so the UI can
 * show the cloud's Code and RequestId (support staff quote them to the cloud team).
 */
export class DeskError extends Error {
  readonly detail: BridgeError

  constructor(detail: BridgeError) {
    super(detail.message)
    this.name = 'DeskError'
    this.detail = detail
  }

  get kind() {
    return this.detail.kind
  }
  get code() {
    return this.detail.code
  }
  get requestId() {
    return this.detail.requestId
  }
}

/** Whatever was thrown, as a BridgeError: components only ever render that one shape. */
export function toBridgeError(error: unknown): BridgeError {
  if (error instanceof DeskError) return error.detail
  if (isBridgeError(error)) return error
  const message = error instanceof Error ? error.message : String(error)
  return { kind: 'internal', code: LocalCode.Internal, message }
}
