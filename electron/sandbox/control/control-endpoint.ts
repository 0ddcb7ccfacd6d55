/**
 * POST /_sandbox/control {command, ...}: the sandbox's levers over HTTP, for tools outside
 * the process (e2e drivers, a shell during a demo). The server listens on 127.0.0.1 only;
 * the endpoint checks the peer address anyway, so a future change of the listen address
 * cannot expose it.
 *
 * Commands: device.offline / device.online {deviceId}; device.report {deviceId, data};
 * device.event {deviceId, eventId, params?}; upgrade.fail {deviceId}; ws.dropAll;
 * latency.set {latencyMs, jitterMs?}; errors.set {errorRate}; status.
 * The device side of binding: device.useBindToken {token, deviceId} (the device reports the
 * bind token it was handed); device.signPayload {deviceId, ageSeconds?, bindType?,
 * signMethod?} and subDevice.signPayload {deviceId, ageSeconds?} answer {payload,
 * deviceTimestamp, validSeconds}, the signed binding payload the device prints.
 * Answers 200 {ok: true, ...}; every refusal is a 4xx {ok: false, error}: 400 bad input,
 * 403 a non-loopback peer or a browser Origin that is not loopback, 405 another method,
 * 413 a body over 64 KiB, 415 a body not sent as application/json (http/browser-guard.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isPlainObject } from '../api/params'
import { browserRefusal } from '../http/browser-guard'
import { BIND_TYPES, SIGN_METHODS, type BindType, type SignMethod } from '../../../shared/binding/sign-payload'
import type { PayloadOptions } from './device-side'
import { ControlError, type SandboxControl } from './sandbox-control'

export const CONTROL_PATH = '/_sandbox/control'
const MAX_CONTROL_BYTES = 64 * 1024

type Body = Record<string, unknown>
type Command = (control: SandboxControl, body: Body) => Record<string, unknown> | void

/** A Map, so `toString`, `__proto__` and friends are unknown commands, not inherited ones. */
const COMMANDS: ReadonlyMap<string, Command> = new Map(Object.entries({
  'device.offline': (c, b) => c.setDeviceOnline(b.deviceId as string, false),
  'device.online': (c, b) => c.setDeviceOnline(b.deviceId as string, true),
  'device.report': (c, b) => c.reportProperties(b.deviceId as string, objectField(b, 'data')),
  'device.event': (c, b) => c.raiseEvent(b.deviceId as string, b.eventId as string, b.params === undefined ? {} : objectField(b, 'params')),
  'upgrade.fail': (c, b) => c.failUpgrade(b.deviceId as string),
  'ws.dropAll': (c) => ({ dropped: c.dropAllSockets() }),
  'latency.set': (c, b) => c.setLatency(b.latencyMs as number, (b.jitterMs as number | undefined) ?? 0),
  'errors.set': (c, b) => c.setErrorRate(b.errorRate as number),
  'device.useBindToken': (c, b) => c.useBindToken(b.token as string, b.deviceId as string),
  'device.signPayload': (c, b) => ({ ...c.signPayload(b.deviceId as string, payloadOptions(b)) }),
  'subDevice.signPayload': (c, b) => ({ ...c.signSubDevicePayload(b.deviceId as string, { ageSeconds: b.ageSeconds as number | undefined }) }),
  status: (c) => ({ pushes: c.pushCount, delivered: c.deliveredPushCount, sockets: c.socketCount }),
} satisfies Record<string, Command>))

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address
  return v4.startsWith('127.') || address === '::1'
}

export async function handleControl(control: SandboxControl, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!isLoopback(req.socket.remoteAddress)) {
    req.resume()
    reply(res, 403, { ok: false, error: 'The control endpoint answers loopback callers only.' })
    return
  }
  if (req.method !== 'POST') {
    req.resume()
    reply(res, 405, { ok: false, error: 'Use POST with a JSON body {command, ...}.' })
    return
  }
  const refusal = browserRefusal(req)
  if (refusal) {
    req.resume()
    reply(res, refusal.status, { ok: false, error: refusal.message })
    return
  }
  const text = await readSmallBody(req)
  if (text === undefined) return reply(res, 413, { ok: false, error: `The body exceeds ${MAX_CONTROL_BYTES} bytes.` })
  reply(res, ...runCommand(control, text))
}

/** Runs one command from its JSON text; the status and body to answer. */
export function runCommand(control: SandboxControl, text: string | undefined): [number, Record<string, unknown>] {
  try {
    if (text === undefined) throw new ControlError(`The body exceeds ${MAX_CONTROL_BYTES} bytes.`)
    const body = parse(text)
    const command = typeof body.command === 'string' ? COMMANDS.get(body.command) : undefined
    if (!command) throw new ControlError(`Unknown command ${describe(body.command)}; known: ${[...COMMANDS.keys()].join(', ')}.`)
    return [200, { ok: true, ...(command(control, body) ?? {}) }]
  } catch (error) {
    if (error instanceof ControlError) return [400, { ok: false, error: error.message }]
    throw error
  }
}

function parse(text: string): Body {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new ControlError('The body is not JSON.')
  }
  if (!isPlainObject(body)) throw new ControlError('The body must be a JSON object.')
  return body
}

/** The unknown command, short: a 64 KiB name is not echoed back whole. */
function describe(command: unknown): string {
  const text = typeof command === 'string' ? command : JSON.stringify(command) ?? String(command)
  return text.length > 80 ? `${text.slice(0, 80)}…` : text
}

function payloadOptions(body: Body): PayloadOptions {
  const { ageSeconds, bindType, signMethod } = body
  if (bindType !== undefined && !(BIND_TYPES as readonly unknown[]).includes(bindType)) throw new ControlError(`bindType must be one of ${BIND_TYPES.join(', ')}.`)
  if (signMethod !== undefined && !(SIGN_METHODS as readonly unknown[]).includes(signMethod)) throw new ControlError(`signMethod must be one of ${SIGN_METHODS.join(', ')}.`)
  return { ageSeconds: ageSeconds as number | undefined, bindType: bindType as BindType | undefined, signMethod: signMethod as SignMethod | undefined }
}

function objectField(body: Body, name: string): Record<string, unknown> {
  const value = body[name]
  if (!isPlainObject(value)) throw new ControlError(`${name} must be an object.`)
  return value
}

async function readSmallBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size <= MAX_CONTROL_BYTES) chunks.push(chunk as Buffer)
  }
  return size > MAX_CONTROL_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')
}

function reply(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}
