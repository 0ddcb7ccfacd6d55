/**
 * The conformance suite's vocabulary: one case per catalog entry (per KGCommand for the
 * music action). A case builds the reference's example request adapted to live ids, and a
 * negative request that must fail with a documented code.
 */
import type { RunningSandbox } from '../../../electron/sandbox'
import type { Json } from '../helpers'

export interface ConformanceContext {
  sandbox: RunningSandbox
  /** AccessToken of the demo account (demo@sandbox.local). */
  token: string
  /** A tokenapi call as the demo account; returns the raw documented-envelope body. */
  call(action: string, params?: Record<string, unknown>): Promise<Json>
  /** The payload of a successful call (Response or Response.Data merged); throws on an error answer. */
  ok(action: string, params?: Record<string, unknown>): Promise<Json>
  /** The demo account's first family ("Home"). */
  homeId: string
  /** A device of the demo account's home by product kind ('light', 'plug', 'gateway', 'sensor', 'camera'), online unless asked. */
  device(kind: string, options?: { online?: boolean }): { deviceId: string; productId: string; deviceName: string }
}

export interface OutputExpectations {
  /** Outputs the catalog names differently from the example the sandbox follows: catalog name → field answered. */
  rename?: Record<string, string>
  /** Outputs not checked, with the reason (e.g. "table lists it top-level; example nests it"). */
  skip?: Record<string, string>
}

export interface ConformanceCase {
  action: string
  subcommand?: string
  /** 'appapi' for the signed pre-login actions; tokenapi as the demo account otherwise. */
  endpoint?: 'appapi'
  /** The success request's business parameters (may create what it needs first via ctx). */
  request(ctx: ConformanceContext): Promise<Record<string, unknown>> | Record<string, unknown>
  outputs?: OutputExpectations
  negative: {
    /** What is wrong with it, e.g. "missing DeviceId" or "another user's family". */
    what: string
    request(ctx: ConformanceContext): Promise<Record<string, unknown>> | Record<string, unknown>
    /** The code the reference documents for it (or the sandbox's documented choice). */
    code: string
  }
}

/** For WebSocket entries (ActivePush, AppDeviceTraceHeartBeat, DeviceChange): a whole check of its own. */
export interface WsConformanceCase {
  action: string
  check(ctx: ConformanceContext): Promise<void>
  negative: { what: string; check(ctx: ConformanceContext): Promise<void> }
}
