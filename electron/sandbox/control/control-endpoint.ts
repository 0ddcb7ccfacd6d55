/**
 * POST /_sandbox/control {command, ...}: the sandbox's levers over HTTP, for tools outside
 * the process (e2e drivers, a shell during a demo). The server listens on 127.0.0.1 only;
 * the endpoint checks the peer address anyway, so a future change of the listen address
 * cannot expose it.
 *
 * Commands: device.offline / device.online {deviceId}; device.report {deviceId, data};
 * device.event {deviceId, eventId, params?}; upgrade.fail {deviceId}; ws.dropAll;
 * latency.set {latencyMs, jitterMs?}; errors.set {errorRate}; status.
 * Answers 200 {ok: true, ...}, 400 {ok: false, error}, 403 for a non-loopback peer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isPlainObject } from '../api/params'
import { ControlError, type SandboxControl } from './sandbox-control'

export const CONTROL_PATH = '/_sandbox/control'
const MAX_CONTROL_BYTES = 64 * 1024

type Body = Record<string, unknown>
type Command = (control: SandboxControl, body: Body) => Record<string, unknown> | void

const COMMANDS: Readonly<Record<string, Command>> = {
  'device.offline': (c, b) => c.setDeviceOnline(b.deviceId as string, false),
  'device.online': (c, b) => c.setDeviceOnline(b.deviceId as string, true),
  'device.report': (c, b) => c.reportProperties(b.deviceId as string, objectField(b, 'data')),
  'device.event': (c, b) => c.raiseEvent(b.deviceId as string, b.eventId as string, b.params === undefined ? {} : objectField(b, 'params')),
  'upgrade.fail': (c, b) => c.failUpgrade(b.deviceId as string),
  'ws.dropAll': (c) => ({ dropped: c.dropAllSockets() }),
  'latency.set': (c, b) => c.setLatency(b.latencyMs as number, (b.jitterMs as number | undefined) ?? 0),
  'errors.set': (c, b) => c.setErrorRate(b.errorRate as number),
  status: (c) => ({ pushes: c.pushCount, delivered: c.deliveredPushCount, sockets: c.socketCount }),
}

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
  const text = await readSmallBody(req)
  reply(res, ...runCommand(control, text))
}

/** Runs one command from its JSON text; the status and body to answer. */
export function runCommand(control: SandboxControl, text: string | undefined): [number, Record<string, unknown>] {
  try {
    if (text === undefined) throw new ControlError(`The body exceeds ${MAX_CONTROL_BYTES} bytes.`)
    const body = parse(text)
    const command = COMMANDS[body.command as string]
    if (!command) throw new ControlError(`Unknown command ${String(body.command)}; known: ${Object.keys(COMMANDS).join(', ')}.`)
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
