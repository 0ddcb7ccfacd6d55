/**
 * The sandbox cloud: a stateful emulator of Tencent's IoT Explorer application-side API,
 * used in-process by the app (its default profile), by every test, and standalone
 * (`npm run sandbox`). It listens on 127.0.0.1 only.
 */
import type { AddressInfo } from 'node:net'
import { SandboxCloud } from './cloud'
import { API_BASE_PATH, createSandboxServer } from './http/server'
import { resolveOptions, type SandboxOptions } from './options'
import type { WorldView } from './world/world'

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
  const server = createSandboxServer(cloud)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(resolved.port, SANDBOX_HOST, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const url = `http://${SANDBOX_HOST}:${port}`
  let closing: Promise<void> | undefined
  return {
    url,
    baseUrl: `${url}${API_BASE_PATH}`,
    port,
    appKey: resolved.appKey,
    appSecret: resolved.appSecret,
    options: resolved,
    world: cloud.world,
    revokeToken: (token) => cloud.sessions.revoke(token),
    liveTokens: () => cloud.sessions.liveTokens(),
    close() {
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
export { PRODUCT_IDS } from './world/products'
export { DEFAULT_ROOM_ID } from './world/model'
export type { Device, Family, Product, Room, User, PropertyState, PropertyValue, DeviceType, FamilyRole, ProductKind } from './world/model'
export type { WorldView, WorldSnapshot } from './world/world'
export type { DataTemplate } from './world/thing-model'
