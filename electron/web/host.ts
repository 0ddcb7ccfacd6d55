import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type { WireToHost, WireToPage } from '../../shared/contracts'
import { encodeBinaryFrame } from '../../shared/wire-binary'
import { LocalCode } from '../../shared/errors'
import type { Desk } from '../core/desk-contract'
import { buildContentSecurityPolicy } from '../core/security/content-security-policy'
import { readStaticFile } from './static-files'


export interface WebHostOptions {
  desk: Desk
  /** The built renderer (out/renderer). */
  rendererDir: string
  port?: number
}

export interface WebHost {
  /** Loopback URL carrying a one-time token: opening it lets one browser in. */
  url: string
  origin: string
  /** Another one-time URL, for a second browser. */
  issueUrl(): string
  close(): Promise<void>
}

const COOKIE = 'desk_session'
/**
 * Largest bridge frame. The app's own messages can pass 1 MiB (live.watch of 10,000
 * DeviceIds of 128 characters is about 1.3 MB); a larger frame closes that one socket with
 * 1009 (ws does it, reported as the socket's 'error'), never the process.
 */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024

/**
 * Browser mode: serves the renderer and carries the bridge over one WebSocket, on
 * 127.0.0.1 only. A one-time token in the printed URL is traded for an HttpOnly cookie;
 * every request and the WebSocket need that cookie, and the WebSocket our own Origin.
 * Errors are answered 4xx with a one-line text/plain sentence (a person reads them in the
 * browser); a request line that is not a URL is a 400, never an exception.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const tokens = new Set<string>()
  const sessions = new Set<string>()
  const sockets = new Set<WebSocket>()
  let origin = ''

  const server = createServer((req, res) => {
    handleHttp(req, res).catch(() => {
      if (res.headersSent) res.destroy()
      else send(res, 500, 'text/plain', 'Internal error')
    })
  })
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  // A request Node cannot parse gets the host's one-line answer too, then the socket closes.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return void socket.destroy()
    const [status, text] = error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : [400, 'Bad Request']
    socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\nConnection: close\r\n\r\n${text}`)
  })

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req)
    if (!url) return send(res, 400, 'text/plain', 'Bad request')
    const token = url.searchParams.get('token')
    if (token !== null) return redeem(token, res)
    if (!hasSession(req)) return send(res, 403, 'text/plain', 'Open the address Explorer Desk printed in the terminal.')
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed')
    const file = await readStaticFile(options.rendererDir, url.pathname)
    if (!file) return send(res, 404, 'text/plain', 'Not found')
    // Per response: the policy admits media from the active profile's origins (see the CSP module).
    send(res, 200, file.type, file.body, buildContentSecurityPolicy(null, options.desk.mediaOrigins()))
  }

  function redeem(token: string, res: ServerResponse): void {
    if (!tokens.delete(token)) return send(res, 403, 'text/plain', 'This address was already used. Start Explorer Desk again for a new one.')
    const session = randomBytes(32).toString('hex')
    sessions.add(session)
    res.setHeader('set-cookie', `${COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`)
    res.setHeader('location', '/')
    send(res, 302, 'text/plain', '')
  }

  function hasSession(req: IncomingMessage): boolean {
    const value = cookieOf(req, COOKIE)
    return value !== null && [...sessions].some((s) => safeEqual(s, value))
  }

  server.on('upgrade', (req, socket, head) => {
    // Node hands the raw socket over without an error listener: a peer's reset would throw.
    socket.on('error', () => socket.destroy())
    const url = requestUrl(req)
    if (!url) return void socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    if (url.pathname !== '/bridge' || req.headers.origin !== origin || !hasSession(req)) {
      return void socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws))
  })

  function attach(ws: WebSocket): void {
    sockets.add(ws)
    ws.on('close', () => sockets.delete(ws))
    // Protocol errors (invalid UTF-8, oversize, bad opcodes): ws has already sent the close
    // frame with the matching code; only this socket ends.
    ws.on('error', () => sockets.delete(ws))
    ws.on('message', (data) => void answer(ws, data.toString()))
  }

  async function answer(ws: WebSocket, text: string): Promise<void> {
    const message = parseWire(text)
    if (!message) return
    let result
    try {
      result = await options.desk.dispatch(message.command, message.args)
    } catch {
      // The dispatcher answers every error itself; this only keeps a bug from ending the host
      // (its text stays here: it might carry what the page must not see).
      result = { ok: false as const, error: { kind: 'internal' as const, code: LocalCode.Internal, message: 'The command failed unexpectedly.' } }
    }
    sendResult(ws, { type: 'result', id: message.id, result })
  }

  const unsubscribe = options.desk.onEvent((event, payload) => {
    for (const ws of sockets) sendWire(ws, { type: 'event', event, payload })
  })

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const issueUrl = (): string => {
    const token = randomBytes(24).toString('base64url')
    tokens.add(token)
    return `${origin}/?token=${token}`
  }

  return {
    url: issueUrl(),
    origin,
    issueUrl,
    close: async () => {
      unsubscribe()
      for (const ws of sockets) ws.terminate()
      wss.close()
      // Idle keep-alive connections (a browser's, a fetch's) would hold close() open.
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}

const STRICT_POLICY = buildContentSecurityPolicy(null)

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, policy = STRICT_POLICY): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'content-security-policy': policy,
  })
  res.end(body)
}

function sendWire(ws: WebSocket, message: WireToPage): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message))
}

/** An answer holding Float64Arrays (history columns) goes as one binary frame; the rest as JSON. */
function sendResult(ws: WebSocket, message: WireToPage): void {
  if (ws.readyState !== ws.OPEN) return
  ws.send(encodeBinaryFrame(message) ?? JSON.stringify(message))
}

function parseWire(text: string): WireToHost | null {
  try {
    const message = JSON.parse(text) as Partial<WireToHost>
    if (message.type !== 'invoke' || typeof message.id !== 'number' || typeof message.command !== 'string') return null
    return { type: 'invoke', id: message.id, command: message.command, args: message.args }
  } catch {
    return null
  }
}

/** The request's URL, or null when its target is not one (`//[` is a TypeError in `new URL`). */
function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://127.0.0.1')
  } catch {
    return null
  }
}

function cookieOf(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return value.join('=')
  }
  return null
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
