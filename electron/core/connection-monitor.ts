import type { ConnectionState } from '../../shared/domain'
import { ApiError } from './api/api-error'

/**
 * Whether the cloud is reachable, as the last calls found it: 'live' after an answer
 * (an error answer is still an answer), 'offline' after a network failure or timeout.
 */
export class ConnectionMonitor {
  private state: ConnectionState = { status: 'idle' }

  constructor(private readonly onChange: (state: ConnectionState) => void) {}

  get current(): ConnectionState {
    return this.state
  }

  async watch<T>(work: Promise<T>): Promise<T> {
    try {
      const result = await work
      this.set({ status: 'live' })
      return result
    } catch (error) {
      if (error instanceof ApiError && (error.kind === 'network' || error.kind === 'timeout')) {
        this.set({ status: 'offline', detail: error.message })
      } else if (error instanceof ApiError && error.kind === 'api') {
        this.set({ status: 'live' })
      }
      throw error
    }
  }

  reset(): void {
    this.set({ status: 'idle' })
  }

  private set(next: ConnectionState): void {
    if (next.status === this.state.status && next.detail === this.state.detail) return
    this.state = next
    this.onChange(next)
  }
}
