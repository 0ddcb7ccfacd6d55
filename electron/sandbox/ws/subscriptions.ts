/**
 * Who watches which device: an index DeviceId -> connections, so a push costs a lookup and
 * its watchers, not a scan of every connection. Each connection also keeps, per device, the
 * time its subscription lapses (see PushConnection.deadlines).
 */
import type { PushConnection } from './connection'

export class SubscriptionBook {
  private readonly watchers = new Map<string, Set<PushConnection>>()

  /** ActivePush: the connection now watches exactly `deviceIds`, each until `deadlineMs`. */
  replace(conn: PushConnection, deviceIds: Iterable<string>, deadlineMs: number): void {
    this.clear(conn)
    for (const id of deviceIds) this.add(conn, id, deadlineMs)
  }

  /** Heartbeat: moves the deadline of those `deviceIds` the connection watches; returns them. */
  refresh(conn: PushConnection, deviceIds: Iterable<string>, deadlineMs: number): string[] {
    const renewed: string[] = []
    for (const id of deviceIds) {
      if (!conn.deadlines.has(id)) continue
      conn.deadlines.set(id, deadlineMs)
      renewed.push(id)
    }
    return renewed
  }

  /** One device's subscription ended (lapsed). */
  remove(conn: PushConnection, deviceId: string): void {
    conn.deadlines.delete(deviceId)
    const set = this.watchers.get(deviceId)
    if (!set) return
    set.delete(conn)
    if (set.size === 0) this.watchers.delete(deviceId)
  }

  clear(conn: PushConnection): void {
    for (const id of [...conn.deadlines.keys()]) this.remove(conn, id)
  }

  watchersOf(deviceId: string): ReadonlySet<PushConnection> | undefined {
    return this.watchers.get(deviceId)
  }

  /** Devices with at least one watcher. */
  get watchedDevices(): number {
    return this.watchers.size
  }

  private add(conn: PushConnection, deviceId: string, deadlineMs: number): void {
    conn.deadlines.set(deviceId, deadlineMs)
    let set = this.watchers.get(deviceId)
    if (!set) this.watchers.set(deviceId, (set = new Set()))
    set.add(conn)
  }
}
