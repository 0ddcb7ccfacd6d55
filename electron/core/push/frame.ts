/**
 * One frame from the long connection, read defensively: the cloud (or anything between)
 * may send null, a number, an array, binary, broken JSON or fields of the wrong type. Each
 * such frame becomes `malformed` with a reason; the caller counts it and keeps the
 * connection. Only a push with a DeviceId, a Base64 Payload, a Seq and a Type, or an answer
 * carrying a reqId, gets through.
 */
import type { DeviceChangeParams, WsAnswer } from '../../../shared/api/push'

export type Frame =
  | { kind: 'push'; push: DeviceChangeParams }
  | { kind: 'answer'; answer: WsAnswer }
  | { kind: 'malformed'; reason: string }

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const malformed = (reason: string): Frame => ({ kind: 'malformed', reason })
/** Standard Base64 (padding optional); Buffer.from would silently skip anything else. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

export function readFrame(data: Buffer | string, isBinary: boolean): Frame {
  if (isBinary) return malformed('binary frame')
  let message: unknown
  try {
    message = JSON.parse(data.toString())
  } catch {
    return malformed('not JSON')
  }
  if (!isObject(message)) return malformed(`not a JSON object (${message === null ? 'null' : Array.isArray(message) ? 'array' : typeof message})`)
  if (message.push === true) return readPush(message)
  if (typeof message.reqId === 'string' || typeof message.reqId === 'number') return readAnswer(message)
  return malformed('neither a push nor an answer')
}

function readPush(message: Json): Frame {
  if (message.action !== 'DeviceChange') return malformed('push of an unknown action')
  const p = message.params
  if (!isObject(p)) return malformed('push without params')
  if (typeof p.DeviceId !== 'string' || p.DeviceId === '') return malformed('push without a DeviceId')
  if (typeof p.Payload !== 'string' || !BASE64.test(p.Payload)) return malformed('push whose Payload is not Base64')
  if (typeof p.Type !== 'string') return malformed('push without a Type')
  const seq = typeof p.Seq === 'string' && /^\d{1,15}$/.test(p.Seq) ? Number(p.Seq) : p.Seq
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq)) return malformed('push without an integer Seq')
  for (const name of ['SubType', 'Topic', 'Time']) {
    if (p[name] !== undefined && typeof p[name] !== 'string') return malformed(`push whose ${name} is not a string`)
  }
  const text = (name: string) => (typeof p[name] === 'string' ? (p[name] as string) : '')
  return {
    kind: 'push',
    push: {
      DeviceId: p.DeviceId,
      Payload: p.Payload,
      Seq: seq,
      Type: p.Type as DeviceChangeParams['Type'],
      SubType: text('SubType') as DeviceChangeParams['SubType'],
      Topic: text('Topic'),
      Time: text('Time'),
    },
  }
}

function readAnswer(message: Json): Frame {
  const { reqId, error, error_message: errorMessage, data } = message
  if (error !== undefined && typeof error !== 'string' && typeof error !== 'number') return malformed('answer whose error is not a string')
  if (errorMessage !== undefined && typeof errorMessage !== 'string') return malformed('answer whose error_message is not a string')
  return {
    kind: 'answer',
    answer: { reqId: reqId as string | number, error: String(error ?? ''), error_message: String(errorMessage ?? ''), data },
  }
}
