/**
 * Lets the desk close cleanly (flush the store, close the push socket, stop the sandbox)
 * before the process exits. Electron does not await 'will-quit' listeners, so the first
 * quit is held back until close() settles (or times out) and then repeated.
 */

interface PreventableEvent {
  preventDefault(): void
}
/** The slice of Electron's app this module needs. */
export interface QuittingApp {
  on(event: 'will-quit', listener: (event: PreventableEvent) => void): unknown
  quit(): void
}

/** A hung close must not leave a window-less process behind. */
export const CLOSE_TIMEOUT_MS = 5000

export function closeBeforeQuit(app: QuittingApp, close: () => Promise<void>, timeoutMs = CLOSE_TIMEOUT_MS): void {
  let state: 'running' | 'closing' | 'closed' = 'running'
  app.on('will-quit', (event) => {
    if (state === 'closed') return
    event.preventDefault()
    if (state === 'closing') return
    state = 'closing'
    void closeWithin(close, timeoutMs).then(() => {
      state = 'closed'
      app.quit()
    })
  })
}

async function closeWithin(close: () => Promise<void>, timeoutMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      console.error(`[desk] close did not finish within ${timeoutMs} ms; quitting anyway`)
      resolve()
    }, timeoutMs)
  })
  try {
    await Promise.race([close(), timeout])
  } catch (error) {
    console.error('[desk] close failed', error)
  } finally {
    clearTimeout(timer)
  }
}
