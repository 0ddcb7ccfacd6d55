import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import type { WireToHost, WireToPage } from '../../shared/contracts'
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
const MAX_MESSAGE_BYTES = 1024 * 1024

/**
 * Browser mode: serves the renderer and carries the bridge over one WebSocket, on
 * 127.0.0.1 only. A one-time token in the printed URL is traded for an HttpOnly cookie;
 * every request and the WebSocket need that cookie, and the WebSocket our own Origin.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const tokens = new Set<string>()
  const sessions = new Set<string>()
  const sockets = new Set<WebSocket>()
  let origin = ''

  const server = createServer((req, res) => {
    void handleHttp(req, res).catch(() => send(res, 500, 'text/plain', 'Internal error'))
  })
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin)
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
    const path = new URL(req.url ?? '/', origin).pathname
    if (path !== '/bridge' || req.headers.origin !== origin || !hasSession(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws))
  })

  function attach(ws: WebSocket): void {
    sockets.add(ws)
    ws.on('close', () => sockets.delete(ws))
    ws.on('message', (data) => void answer(ws, data.toString()))
  }

  async function answer(ws: WebSocket, text: string): Promise<void> {
    const message = parseWire(text)
    if (!message) return
    const result = await options.desk.dispatch(message.command, message.args)
    sendWire(ws, { type: 'result', id: message.id, result })
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
      await new Promise<void>((resolve) => server.close(() => resolve()))
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

function parseWire(text: string): WireToHost | null {
  try {
    const message = JSON.parse(text) as Partial<WireToHost>
    if (message.type !== 'invoke' || typeof message.id !== 'number' || typeof message.command !== 'string') return null
    return { type: 'invoke', id: message.id, command: message.command, args: message.args }
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
