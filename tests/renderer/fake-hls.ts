/** hls.js stand-in for `vi.mock('hls.js', () => import('./fake-hls'))`: records what the player asks of it and lets a test raise its events. */
import { vi } from 'vitest'

export class FakeHls {
  static isSupported = () => true
  static DefaultConfig = { loader: class {} }
  static instances: FakeHls[] = []
  readonly handlers = new Map<string, ((event: string, data: unknown) => void)[]>()
  levels: unknown[] = [{}]
  attachMedia = vi.fn()
  loadSource = vi.fn()
  startLoad = vi.fn()
  recoverMediaError = vi.fn()
  swapAudioCodec = vi.fn()
  detachMedia = vi.fn()
  destroy = vi.fn()
  constructor(readonly config: Record<string, unknown>) {
    FakeHls.instances.push(this)
  }
  on(event: string, handler: (event: string, data: unknown) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler])
  }
  raise(event: string, data: unknown = {}) {
    for (const handler of this.handlers.get(event) ?? []) handler(event, data)
  }
}

export default FakeHls
/** Every stand-in made so far, oldest first (a test empties it before it starts). */
export const hlsInstances = FakeHls.instances
export const lastHls = (): FakeHls => hlsInstances[hlsInstances.length - 1]!
export const Events = { ERROR: 'hlsError', MANIFEST_PARSED: 'hlsManifestParsed', FRAG_LOADED: 'hlsFragLoaded' }
export const ErrorTypes = { NETWORK_ERROR: 'networkError', MEDIA_ERROR: 'mediaError', OTHER_ERROR: 'otherError' }
