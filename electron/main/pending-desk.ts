/**
 * A Desk usable before the core has started: the window and IPC come up at once while
 * createDesk() runs, and calls made meanwhile simply wait. If the core fails to start,
 * every command answers a typed error instead of hanging.
 */
import { LocalCode, type BridgeResult } from '../../shared/errors'
import type { Desk, EventListener } from '../core/desk-contract'

export function pendingDesk(starting: Promise<Desk>): Desk {
  let started: Desk | null = null
  const ready = starting.then(
    (desk) => {
      started = desk
      return { desk, error: null }
    },
    (error: unknown) => {
      console.error('[desk] the core failed to start', error)
      return { desk: null, error }
    },
  )
  return {
    async dispatch(command, args) {
      const { desk, error } = await ready
      return desk ? desk.dispatch(command, args) : startFailed(error)
    },
    onEvent(listener: EventListener) {
      let unsubscribe: (() => void) | null = null
      let cancelled = false
      void ready.then(({ desk }) => {
        if (desk && !cancelled) unsubscribe = desk.onEvent(listener)
      })
      return () => {
        cancelled = true
        unsubscribe?.()
      }
    },
    mediaOrigins: () => started?.mediaOrigins() ?? [],
    async close() {
      const { desk } = await ready
      await desk?.close()
    },
  }
}

function startFailed(error: unknown): BridgeResult<never> {
  const reason = error instanceof Error ? error.message : String(error)
  return { ok: false, error: { kind: 'internal', code: LocalCode.Internal, message: `The app core failed to start: ${reason}` } }
}
