/**
 * A sandbox cloud without HTTP for the timer, scene and automation tests: calls go through
 * the same pipeline (cloud.call), the clock is movable, and the timer engine is called
 * directly (checkDue) instead of waiting for its loop.
 */
import type { DeviceChangeParams } from '../../shared/api/push'
import { DEMO_ACCOUNT, NEIGHBOUR_ACCOUNT } from '../../electron/sandbox'
import { SandboxCloud } from '../../electron/sandbox/cloud'
import { checkDue } from '../../electron/sandbox/intelligence'
import { resolveOptions } from '../../electron/sandbox/options'
import type { Device } from '../../electron/sandbox/world/model'
import { errorCode, nextRequestId, testClock, type Json } from './helpers'

export interface DirectCloud {
  cloud: SandboxCloud
  clock: ReturnType<typeof testClock>
  /** The demo account's "Home". */
  homeId: string
  /** A call as the demo account (or the neighbour); the raw documented-envelope body. */
  call(action: string, params?: Record<string, unknown>, as?: 'demo' | 'neighbour'): Json
  /** The Response of a successful call; throws on an error answer. */
  ok(action: string, params?: Record<string, unknown>): Json
  /** A device of the demo home by product kind. */
  device(kind: string, online?: boolean): Device
  /** Pushes published since the cloud was built, payloads decoded. */
  pushes: (DeviceChangeParams & { decoded: Json })[]
  /** Moves the clock to `ms` and runs the timer engine. */
  at(ms: number): void
  stop(): void
}

export function directCloud(start?: number, options: { simSpeed?: number } = {}): DirectCloud {
  const clock = testClock(start)
  // Tokens outlive the weeks the tests move the clock by.
  const cloud = new SandboxCloud(resolveOptions({ port: 0, clock: clock.now, tokenTtlSeconds: 365 * 86_400, ...options }))
  const tokens = {
    demo: cloud.sessions.issue(DEMO_ACCOUNT.userId).token,
    neighbour: cloud.sessions.issue(NEIGHBOUR_ACCOUNT.userId).token,
  }
  const pushes: DirectCloud['pushes'] = []
  cloud.pushes.subscribe((p) => pushes.push({ ...p, decoded: JSON.parse(Buffer.from(p.Payload, 'base64').toString('utf8')) as Json }))
  const homeId = cloud.world.familiesOf(DEMO_ACCOUNT.userId)[0]!.family.familyId
  const call = (action: string, params: Record<string, unknown> = {}, as: 'demo' | 'neighbour' = 'demo') =>
    cloud.call('tokenapi', JSON.stringify({ Action: action, RequestId: nextRequestId(), AccessToken: tokens[as], ...params })) as Json
  return {
    cloud,
    clock,
    homeId,
    call,
    ok(action, params = {}) {
      const body = call(action, params)
      if (errorCode(body)) throw new Error(`${action} failed: ${JSON.stringify(body)}`)
      return body.Response as Json
    },
    device(kind, online = true) {
      const found = cloud.world.devicesIn(homeId).find((d) => cloud.world.products.get(d.productId)?.kind === kind && d.online === online)
      if (!found) throw new Error(`no ${online ? 'online' : 'offline'} ${kind} in the demo home`)
      return found
    },
    pushes,
    at(ms) {
      clock.advance(ms - clock.now())
      checkDue(cloud, ms)
    },
    stop: () => cloud.stop(),
  }
}

/** China Standard Time wall clock on 2025-01-01 (a Wednesday) plus `days`, as epoch ms. */
export function cst(hhmm: string, days = 0, seconds = 0): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number]
  return Date.UTC(2025, 0, 1 + days, h - 8, m, seconds)
}

/** Control pushes (Template/Push) sent to a device, their params. */
export function controlsOf(pushes: DirectCloud['pushes'], deviceId: string): Json[] {
  return pushes.filter((p) => p.DeviceId === deviceId && p.Type === 'Template' && p.SubType === 'Push').map((p) => p.decoded.params as Json)
}
