/**
 * Which app instance drives a rollout: a lease row per rollout (owner, pid, host,
 * heartbeat), taken in an immediate (write-locked) transaction so two instances cannot
 * both win. The owner renews it while driving. Another instance may take it over once the
 * owner is gone: its heartbeat is older than `staleMs`, or it ran on this host and its
 * process no longer exists (so an app killed and started again resumes at once).
 */
import { hostname } from 'node:os'
import type { Db } from '../store/database'

export interface LeaseOwner {
  /** Unique per running engine. */
  id: string
  pid: number
  host: string
}

export interface LeaseHolder {
  owner: string
  pid: number
  host: string
  heartbeatMs: number
}

export interface LeaseDeps {
  owner: LeaseOwner
  now: () => number
  /** A lease not renewed for this long belongs to nobody. */
  staleMs: number
  /** Whether a process of this host still runs (injected for tests). */
  isAlive?: (pid: number) => boolean
}

interface Row {
  owner: string
  pid: number
  host: string
  heartbeat_ms: number
}

export type Acquired = { ok: true } | { ok: false; holder: LeaseHolder }

export class RolloutLeases {
  private readonly select
  private readonly upsert
  private readonly renewStmt
  private readonly releaseStmt
  private readonly isAlive: (pid: number) => boolean

  constructor(
    private readonly db: Db,
    private readonly deps: LeaseDeps,
  ) {
    this.isAlive = deps.isAlive ?? processExists
    this.select = db.prepare('SELECT owner, pid, host, heartbeat_ms FROM rollout_leases WHERE rollout_id = ?')
    this.upsert = db.prepare(
      `INSERT INTO rollout_leases (rollout_id, owner, pid, host, heartbeat_ms) VALUES (@rolloutId, @id, @pid, @host, @nowMs)
       ON CONFLICT (rollout_id) DO UPDATE SET owner = @id, pid = @pid, host = @host, heartbeat_ms = @nowMs`,
    )
    this.renewStmt = db.prepare('UPDATE rollout_leases SET heartbeat_ms = ? WHERE rollout_id = ? AND owner = ?')
    this.releaseStmt = db.prepare('DELETE FROM rollout_leases WHERE rollout_id = ? AND owner = ?')
  }

  get owner(): LeaseOwner {
    return this.deps.owner
  }

  /** Takes the lease unless a live instance holds it. */
  acquire(rolloutId: string): Acquired {
    return this.db
      .transaction((): Acquired => {
        const row = this.select.get(rolloutId) as Row | undefined
        if (row && row.owner !== this.deps.owner.id && this.alive(row)) return { ok: false, holder: toHolder(row) }
        this.upsert.run({ rolloutId, ...this.deps.owner, nowMs: this.deps.now() })
        return { ok: true }
      })
      .immediate()
  }

  /** Refreshes the heartbeat; false when the lease is no longer ours. */
  renew(rolloutId: string): boolean {
    return this.renewStmt.run(this.deps.now(), rolloutId, this.deps.owner.id).changes === 1
  }

  release(rolloutId: string): void {
    this.releaseStmt.run(rolloutId, this.deps.owner.id)
  }

  /** Whether we hold it; meant to run inside the transaction that writes 'publishing'. */
  holds(rolloutId: string): boolean {
    const row = this.select.get(rolloutId) as Row | undefined
    return row?.owner === this.deps.owner.id
  }

  /** Who drives the rollout now, as the board shows it. */
  driver(rolloutId: string): 'here' | 'elsewhere' | 'none' {
    const row = this.select.get(rolloutId) as Row | undefined
    if (!row) return 'none'
    if (row.owner === this.deps.owner.id) return 'here'
    return this.alive(row) ? 'elsewhere' : 'none'
  }

  private alive(row: Row): boolean {
    if (this.deps.now() - row.heartbeat_ms > this.deps.staleMs) return false
    // Same host: the process table answers at once, no need to wait for the heartbeat to age.
    if (row.host === this.deps.owner.host) return this.isAlive(row.pid)
    return true
  }
}

export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export function thisProcess(id: string): LeaseOwner {
  return { id, pid: process.pid, host: hostname() }
}

function toHolder(row: Row): LeaseHolder {
  return { owner: row.owner, pid: row.pid, host: row.host, heartbeatMs: row.heartbeat_ms }
}
