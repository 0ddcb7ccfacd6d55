import type { ConnectionState } from '../../../shared/domain'

const KEPT = 50

/** The push connection's last state changes with their times, for a support bundle. */
export class ConnectionHistory {
  private readonly states: (ConnectionState & { atMs: number })[] = []

  constructor(private readonly now: () => number = Date.now) {}

  record(state: ConnectionState): void {
    this.states.push({ atMs: this.now(), ...state })
    if (this.states.length > KEPT) this.states.shift()
  }

  recent(): readonly (ConnectionState & { atMs: number })[] {
    return this.states
  }
}
