import type { BridgeEvents, EventName } from '../../shared/contracts'
import type { EventListener } from './desk-contract'

/** Fans events out to every host listener; one failing listener does not stop the rest. */
export class EventHub {
  private readonly listeners = new Set<EventListener>()

  on(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit<E extends EventName>(event: E, payload: BridgeEvents[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload)
      } catch {
        // A host that cannot deliver (a closed window) must not break the others.
      }
    }
  }
}
