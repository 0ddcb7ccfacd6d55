/** One long connection: its socket, who subscribed on it, and what it watches until when. */
import type { WebSocket } from 'ws'
import type { Session } from '../auth/sessions'

/**
 * A slow consumer must not grow the cloud's memory without bound: once this much is queued
 * on a socket and not yet written, the connection is dropped (the client reconnects and
 * re-subscribes, as it must after any network failure). 8 MiB is ~20,000 pushes.
 */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024

/**
 * Frames sent in one turn of the event loop leave in one write (a cork until the turn ends),
 * not one system call each: still one frame per push, as the cloud sends. A long burst is
 * let out every this many bytes, so the kernel takes its share while the burst goes on.
 */
const CORK_BYTES = 256 * 1024

/** The TCP stream under a WebSocket (net.Socket's cork/uncork). */
export interface CorkableStream {
  cork(): void
  uncork(): void
}

export class PushConnection {
  /** The user and token of the last successful ActivePush (or the heartbeat that renewed it). */
  userId: string | undefined
  token: string | undefined
  /** Subscribed DeviceIds and the cloud-clock ms at which each lapses without a heartbeat. */
  readonly deadlines = new Map<string, number>()
  private dropped = false
  /** Bytes sent since the stream was corked; -1 while it is not. */
  private corked = -1

  constructor(
    readonly socket: WebSocket,
    /** The SDK's `?uin=&cId=` (kept for diagnostics; the AccessToken is what authorises). */
    readonly client: { uin?: string; cId?: string },
    /** The socket's TCP stream, to send a turn's frames in one write (none: one write per frame). */
    private readonly stream?: CorkableStream,
  ) {}

  signIn(session: Session): void {
    this.userId = session.userId
    this.token = session.token
  }

  get open(): boolean {
    return !this.dropped && this.socket.readyState === this.socket.OPEN
  }

  /** Sends a text frame; false (and the connection dropped) when the client cannot keep up. */
  send(text: string): boolean {
    if (!this.open) return false
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.drop()
      return false
    }
    this.hold(text.length)
    this.socket.send(text)
    return true
  }

  private hold(bytes: number): void {
    if (!this.stream) return
    if (this.corked > CORK_BYTES) this.release()
    if (this.corked < 0) {
      this.stream.cork()
      this.corked = 0
      process.nextTick(() => this.release())
    }
    this.corked += bytes
  }

  private release(): void {
    if (this.corked < 0) return
    this.corked = -1
    this.stream?.uncork()
  }

  /** Cuts the connection without a closing handshake, as a network failure would. */
  drop(): void {
    if (this.dropped) return
    this.dropped = true
    this.socket.terminate()
  }
}
