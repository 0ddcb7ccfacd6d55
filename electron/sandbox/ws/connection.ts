/** One long connection: its socket, who subscribed on it, and what it watches until when. */
import type { WebSocket } from 'ws'
import type { Session } from '../auth/sessions'

/**
 * A slow consumer must not grow the cloud's memory without bound: once this much is queued
 * on a socket and not yet written, the connection is dropped (the client reconnects and
 * re-subscribes, as it must after any network failure). 8 MiB is ~20,000 pushes.
 */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024

export class PushConnection {
  /** The user and token of the last successful ActivePush (or the heartbeat that renewed it). */
  userId: string | undefined
  token: string | undefined
  /** Subscribed DeviceIds and the cloud-clock ms at which each lapses without a heartbeat. */
  readonly deadlines = new Map<string, number>()
  private dropped = false

  constructor(
    readonly socket: WebSocket,
    /** The SDK's `?uin=&cId=` (kept for diagnostics; the AccessToken is what authorises). */
    readonly client: { uin?: string; cId?: string },
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
    this.socket.send(text)
    return true
  }

  /** Cuts the connection without a closing handshake, as a network failure would. */
  drop(): void {
    if (this.dropped) return
    this.dropped = true
    this.socket.terminate()
  }
}
