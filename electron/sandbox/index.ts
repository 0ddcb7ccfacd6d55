/**
 * The sandbox cloud: a stateful emulator of Tencent's IoT Explorer application-side API,
 * used in-process by the app (its default profile), by every test, and standalone
 * (`npm run sandbox`). It listens on 127.0.0.1 only.
 */
import type { AddressInfo } from 'node:net'
import { SandboxCloud } from './cloud'
import { SandboxControl } from './control/sandbox-control'
import { API_BASE_PATH, createSandboxServer } from './http/server'
import { resolveOptions, type SandboxOptions } from './options'
import { otaView, type OtaView } from './ota/ota-view'
import type { WorldView } from './world/world'
import { WS_PATHS } from './ws/protocol'
import { PushServer } from './ws/push-server'

export interface RunningSandbox {
  /** Origin, e.g. http://127.0.0.1:41234. */
  readonly url: string
  /** `${url}/api/exploreropen`: appapi and tokenapi hang below it. */
  readonly baseUrl: string
  readonly port: number
  readonly appKey: string
  readonly appSecret: string
  /** The options in force, defaults filled in. */
  readonly options: Readonly<SandboxOptions>
  /** The cloud's state, for tests and the app's demo views; do not mutate. */
  readonly world: WorldView
  /** `ws://127.0.0.1:port/iotstudio_v2_weapp_1`, the long connection (also at /ws/explorer). */
  readonly wsUrl: string
  /** Levers for tests and demos: offline/online, reports, failing upgrades, dropped sockets, latency, errors. */
  readonly control: SandboxControl
  /** Pushes published since start (read it before and after, for rates). */
  readonly pushCount: number
  /** Firmware versions, upgrades and every publish each device received (read-only). */
  readonly ota: OtaView
  /** Ends an AccessToken's session as if the cloud had revoked it; true if it was live. */
  revokeToken(token: string): boolean
  /** The AccessTokens live now (tests look for them where they must never appear). */
  liveTokens(): string[]
  /** Stops listening and drops open connections. Safe to call twice. */
  close(): Promise<void>
}

export const SANDBOX_HOST = '127.0.0.1'

export async function startSandbox(options: Partial<SandboxOptions> = {}): Promise<RunningSandbox> {
  const resolved = resolveOptions(options)
  const cloud = new SandboxCloud(resolved)
  const sockets = new PushServer(cloud)
  const control = new SandboxControl(cloud, cloud.simulation.presence, sockets, cloud.simulation)
  const server = createSandboxServer(cloud, control)
  sockets.attach(server)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(resolved.port, SANDBOX_HOST, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const url = `http://${SANDBOX_HOST}:${port}`
  // Firmware download URLs (AppGetDeviceOTAInfo) point at this server.
  cloud.ota.setOrigin(url)
  // Cloud-storage recordings, thumbnails and songs (media/routes.ts) too.
  cloud.publicUrl = url
  let closing: Promise<void> | undefined
  return {
    url,
    baseUrl: `${url}${API_BASE_PATH}`,
    port,
    appKey: resolved.appKey,
    appSecret: resolved.appSecret,
    options: resolved,
    world: cloud.world,
    wsUrl: `ws://${SANDBOX_HOST}:${port}${WS_PATHS[0]}`,
    control,
    get pushCount() {
      return cloud.pushes.count
    },
    ota: otaView(cloud.ota, cloud.world),
    revokeToken: (token) => cloud.sessions.revoke(token),
    liveTokens: () => cloud.sessions.liveTokens(),
    close() {
      sockets.close()
      cloud.stop()
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    },
  }
}

export { DEMO_ACCOUNT, NEIGHBOUR_ACCOUNT, DEMO_ACCOUNTS, type DemoAccount } from './demo-accounts'
export { DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_OPTIONS, MAX_DEVICES, resolveOptions, type EnvelopeMode, type SandboxOptions } from './options'
export { ErrorCode } from './api/errors'
export type { SandboxControl } from './control/sandbox-control'
export type { Firmware, FailureMode, OtaPublishRecord, OtaView, UpgradeOutcome, UpgradeTask } from './ota/ota-view'
export { PRODUCT_IDS } from './world/products'
/** Device secrets and the signatures a device computes for binding (tests, device simulators). */
export {
  bindPlaintext, bindSignature, devicePsk, gatewayBindSignature, productSecret,
  type BindClaim, type BindSignMethod, type BindType, type GatewayBindClaim,
} from './world/device-identity'
export { DEFAULT_ROOM_ID } from './world/model'
export type { Device, Family, Product, Room, User, PropertyState, PropertyValue, DeviceType, FamilyRole, ProductKind } from './world/model'
export type { WorldView, WorldSnapshot } from './world/world'
export type { DataTemplate } from './world/thing-model'
