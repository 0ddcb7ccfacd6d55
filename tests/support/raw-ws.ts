/**
 * Raw bytes for hostile-input tests: an HTTP request or a WebSocket upgrade written straight
 * to a TCP socket, and WebSocket frames built by hand (invalid UTF-8, reserved opcodes,
 * unmasked client frames), none of which a well-behaved client library would send.
 */
import { randomBytes } from 'node:crypto'
import { connect } from 'node:net'

export interface RawExchange {
  /** Everything the server wrote, until it closed or the timeout hit. */
  bytes: Buffer
  /** The server closed the connection or gave the awaited answer (false: the timeout ended it). */
  closedByServer: boolean
}

/**
 * Writes `chunks` one after another and collects the answer until the server closes, until
 * `stopWhen` holds for what came so far (counted as an answer), or until `timeoutMs`.
 */
export function rawExchange(
  port: number,
  chunks: readonly Buffer[],
  timeoutMs = 3_000,
  endAfterWrite = false,
  stopWhen?: (bytes: Buffer) => boolean,
): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    const received: Buffer[] = []
    let settled = false
    const finish = (closedByServer: boolean) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      resolve({ bytes: Buffer.concat(received), closedByServer })
    }
    const timer = setTimeout(() => finish(false), timeoutMs)
    socket.on('data', (chunk) => {
      received.push(chunk)
      if (stopWhen?.(Buffer.concat(received))) finish(true)
    })
    socket.on('close', () => finish(true))
    socket.on('error', () => finish(true))
    socket.on('connect', () => {
      for (const chunk of chunks) socket.write(chunk)
      if (endAfterWrite) socket.end()
    })
  })
}

/** A WebSocket upgrade request for `path` with the given extra header lines. */
export function upgradeRequest(path: string, headers: Record<string, string> = {}): Buffer {
  const lines = [
    `GET ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Connection: Upgrade',
    'Upgrade: websocket',
    'Sec-WebSocket-Version: 13',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ]
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1')
}

export interface FrameOptions {
  fin?: boolean
  /** RSV1-3 bits (0-7); any non-zero without an extension is a protocol error. */
  rsv?: number
  /** Client frames must be masked; false sends an unmasked one. */
  mask?: boolean
  /** Claimed payload length, when it should differ from the real one (oversize claims). */
  claimedLength?: number
}

/** One WebSocket frame: opcode 1 text, 2 binary, 8 close, 9 ping; 3-7 and 11-15 are reserved. */
export function wsFrame(opcode: number, payload: Buffer, options: FrameOptions = {}): Buffer {
  const { fin = true, rsv = 0, mask = true } = options
  const length = options.claimedLength ?? payload.length
  const head: number[] = [(fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f)]
  const maskBit = mask ? 0x80 : 0
  if (length < 126) head.push(maskBit | length)
  else if (length < 65_536) head.push(maskBit | 126, length >> 8, length & 0xff)
  else {
    const big = Buffer.alloc(8)
    big.writeBigUInt64BE(BigInt(length))
    head.push(maskBit | 127, ...big)
  }
  if (!mask) return Buffer.concat([Buffer.from(head), payload])
  const key = randomBytes(4)
  const masked = Buffer.from(payload.map((byte, i) => byte ^ (key[i % 4] as number)))
  return Buffer.concat([Buffer.from(head), key, masked])
}

/** The close code in the first server close frame of `bytes` (after the 101 answer), if any. */
export function closeCodeOf(bytes: Buffer): number | undefined {
  const start = bytes.indexOf('\r\n\r\n')
  if (start < 0) return undefined
  let at = start + 4
  while (at + 2 <= bytes.length) {
    const opcode = (bytes[at] as number) & 0x0f
    let length = (bytes[at + 1] as number) & 0x7f
    let header = 2
    if (length === 126) {
      length = bytes.readUInt16BE(at + 2)
      header = 4
    } else if (length === 127) {
      length = Number(bytes.readBigUInt64BE(at + 2))
      header = 10
    }
    if (opcode === 8) return length >= 2 ? bytes.readUInt16BE(at + header) : 1005
    at += header + length
  }
  return undefined
}

/** The HTTP status of the first line of `bytes`, or undefined. */
export function statusOf(bytes: Buffer): number | undefined {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(bytes.subarray(0, 20).toString('latin1'))
  return match ? Number(match[1]) : undefined
}

