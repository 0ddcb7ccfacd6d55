import { connectDesk, type DeskClient } from './client'

export { DeskError, toBridgeError } from './desk-error'
export type { DeskClient, LinkState } from './client'

let current: DeskClient | null = null

/** The app-wide client, connected on first use. */
export function useDesk(): DeskClient {
  current ??= connectDesk()
  return current
}

/** Tests (and only tests) swap in a fake client. */
export function setDeskClient(client: DeskClient | null): void {
  current = client
}
