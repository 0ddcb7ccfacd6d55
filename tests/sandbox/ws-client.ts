/**
 * A small WebSocket client for the sandbox's long connection, written from the reference
 * (not from the sandbox): requests {action, reqId, params}, answers matched by reqId,
 * pushes (push: true) collected in order.
 */
import { WebSocket } from 'ws'
import type { Json } from './helpers'

export interface PushMessage {
  action: string
  push: true
  params: { Time: string; Type: string; SubType: string; Topic: string; Payload: string; Seq: number; DeviceId: string }
}

export class WsTestClient {
  readonly pushes: PushMessage[] = []
  private readonly waiting = new Map<string | number, (answer: Json) => void>()
  private readonly watchers = new Set<() => void>()
  private serial = 0
  closed = false

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.onMessage(JSON.parse(data.toString()) as Json))
    socket.on('close', () => {
      this.closed = true
      this.notify()
    })
  }

  static async connect(url: string): Promise<WsTestClient> {
    const socket = new WebSocket(url)
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve())
      socket.once('error', reject)
    })
    return new WsTestClient(socket)
  }

  /** Sends a request and resolves with the answer carrying its reqId. */
  request(action: string, params: Record<string, unknown>, reqId: string | number = `req${++this.serial}`): Promise<Json> {
    return this.raw({ action, reqId, params }, reqId)
  }

  /** Sends any message and resolves with the answer for `reqId`. */
  raw(message: unknown, reqId: string | number): Promise<Json> {
    const answered = new Promise<Json>((resolve) => this.waiting.set(reqId, resolve))
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message))
    return withTimeout(answered, 3000, `no answer to ${String(reqId)}`)
  }

  activePush(token: string, deviceIds: string[]): Promise<Json> {
    return this.request('ActivePush', { DeviceIds: deviceIds, AccessToken: token })
  }

  heartbeat(token: string, deviceIds: string[], requestId = 'rest-client'): Promise<Json> {
    return this.request('YunApi', { Action: 'AppDeviceTraceHeartBeat', ActionParams: { DeviceIds: deviceIds, AccessToken: token, RequestId: requestId } })
  }

  /** Resolves when a push matching `match` has arrived (or already had). */
  waitForPush(match: (p: PushMessage) => boolean, timeoutMs = 3000): Promise<PushMessage> {
    return withTimeout(this.until(() => this.pushes.find(match)), timeoutMs, 'no matching push')
  }

  waitForClose(timeoutMs = 3000): Promise<void> {
    return withTimeout(this.until(() => (this.closed ? true : undefined)).then(() => undefined), timeoutMs, 'socket not closed')
  }

  /** Resolves once `count` pushes have arrived in all. */
  waitForPushCount(count: number, timeoutMs = 10_000): Promise<void> {
    return withTimeout(this.until(() => (this.pushes.length >= count ? true : undefined)).then(() => undefined), timeoutMs, `fewer than ${count} pushes`)
  }

  close(): void {
    this.socket.terminate()
  }

  private until<T>(probe: () => T | undefined): Promise<T> {
    return new Promise((resolve) => {
      const check = () => {
        const found = probe()
        if (found === undefined) return
        this.watchers.delete(check)
        resolve(found)
      }
      this.watchers.add(check)
      check()
    })
  }

  private onMessage(message: Json): void {
    if (message.push === true) this.pushes.push(message as PushMessage)
    else this.waiting.get(message.reqId)?.(message)
    this.notify()
  }

  private notify(): void {
    for (const check of [...this.watchers]) check()
  }
}

export function decodePayload(push: PushMessage): Json {
  // Tencent's SDK strips NUL padding before parsing; so does this client.
  return JSON.parse(Buffer.from(push.params.Payload, 'base64').toString('utf8').replace(/\0+$/, '')) as Json
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
