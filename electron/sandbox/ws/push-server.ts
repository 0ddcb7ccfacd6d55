/**
 * The long connection on the HTTP server's port: WebSocket upgrades on the reference's
 * /iotstudio_v2_weapp_1 and the SDK's /ws/explorer (any query, e.g. ?uin=&cId=), requests
 * answered by ws/handlers.ts, and every cloud push forwarded to the connections that watch
 * its device, while their subscription is live and their user may still read the device.
 */
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type { DeviceChangeParams } from '../../../shared/api/push'
import type { PipelineCloud } from '../api/pipeline'
import { requestUrl } from '../http/request-url'
import { PushConnection, type CorkableStream } from './connection'
import { handleRequest, mayRead, type WsContext } from './handlers'
import { parseRequest, pushMessage, serverError, WS_PATHS } from './protocol'
import { SubscriptionBook } from './subscriptions'

/** Largest request frame; the HTTP face accepts 1 MiB bodies too. */
const MAX_MESSAGE_BYTES = 1024 * 1024

export class PushServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  private readonly connections = new Set<PushConnection>()
  private readonly book = new SubscriptionBook()
  private readonly ctx: WsContext
  private readonly stopListening: () => void
  private delivered = 0
  private closed = false
  private down = false

  constructor(private readonly cloud: PipelineCloud) {
    this.ctx = { cloud, book: this.book }
    this.stopListening = cloud.pushes.subscribe((push) => this.fanOut(push))
    const every = cloud.options.dropWsEverySeconds
    if (every > 0) cloud.scheduler.every(every * 1000, () => this.dropAll())
  }

  /** Takes over WebSocket upgrades of `server` on the long connection's paths. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head))
  }

  /** Open connections. */
  get connectionCount(): number {
    return this.connections.size
  }

  /** DeviceChange messages sent since start (benchmarks read it). */
  get deliveredCount(): number {
    return this.delivered
  }

  /** Cuts every connection as a network failure would; returns how many. */
  dropAll(): number {
    const count = this.connections.size
    for (const conn of this.connections) conn.drop()
    return count
  }

  /**
   * An outage of the long connection: every socket is cut and new upgrades are answered 503
   * until it ends (the HTTP API stays up, as when only the push service fails).
   */
  setOutage(down: boolean): number {
    this.down = down
    return down ? this.dropAll() : 0
  }

  /** Writes frames as they are to every open connection (chaos tests: what a broken cloud sends); how many got them. */
  sendRaw(frames: readonly (string | Buffer)[]): number {
    let reached = 0
    for (const conn of this.connections) {
      if (!conn.open) continue
      for (const frame of frames) conn.socket.send(frame, { binary: typeof frame !== 'string' })
      reached += 1
    }
    return reached
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.stopListening()
    this.dropAll()
    this.wss.close()
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // Node hands the raw socket over without an error listener: a peer's reset would throw.
    socket.on('error', () => socket.destroy())
    const url = requestUrl(req)
    if (!url) return void socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
    const path = url.pathname.replace(/\/+$/, '')
    if (this.down && !this.closed) {
      return void socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
    }
    if (this.closed || !WS_PATHS.includes(path)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    const client = { uin: url.searchParams.get('uin') ?? undefined, cId: url.searchParams.get('cId') ?? undefined }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, client, socket as Duplex & CorkableStream))
  }

  private accept(ws: WebSocket, client: { uin?: string; cId?: string }, stream: CorkableStream): void {
    const conn = new PushConnection(ws, client, stream)
    this.connections.add(conn)
    ws.on('message', (data) => this.onMessage(conn, data.toString()))
    ws.on('close', () => {
      this.connections.delete(conn)
      this.book.clear(conn)
    })
    // Protocol errors (invalid UTF-8, oversize, bad opcodes): ws has already sent the close
    // frame with the matching code and ends the socket ('close' cleans up). Terminating here
    // would cut that frame off; the listener only keeps the error from reaching the process.
    ws.on('error', () => undefined)
  }

  private onMessage(conn: PushConnection, text: string): void {
    const req = parseRequest(text)
    if ('problem' in req) {
      if (!req.ignore) conn.send(JSON.stringify(serverError(req.reqId, req.problem)))
      return
    }
    let reply
    try {
      reply = handleRequest(this.ctx, conn, req)
    } catch (error) {
      reply = serverError(req.reqId, `Internal error: ${error instanceof Error ? error.message : String(error)}`)
    }
    conn.send(JSON.stringify(reply))
  }

  /** One push to every live watcher of its device; serialised once, only if someone gets it. */
  private fanOut(push: DeviceChangeParams): void {
    const watchers = this.book.watchersOf(push.DeviceId)
    if (!watchers) return
    const now = this.cloud.options.clock()
    let text: string | undefined
    for (const conn of watchers) {
      if (!this.mayDeliver(conn, push.DeviceId, now)) continue
      text ??= pushMessage(push)
      if (conn.send(text)) this.delivered += 1
    }
  }

  /**
   * A subscription lapses when its heartbeat deadline passes (checked when a push comes, so
   * no timer per connection); it ends when its token does (sign-out, expiry); and a device
   * the user can no longer read (unbound, share revoked) is skipped.
   */
  private mayDeliver(conn: PushConnection, deviceId: string, now: number): boolean {
    const deadline = conn.deadlines.get(deviceId)
    if (deadline === undefined || now > deadline) {
      this.book.remove(conn, deviceId)
      return false
    }
    const session = conn.token === undefined ? undefined : this.cloud.sessions.resolve(conn.token)
    if (!session) {
      this.book.clear(conn)
      return false
    }
    return mayRead(this.cloud.world, session.userId, deviceId)
  }
}
