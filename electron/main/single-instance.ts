/**
 * One running app per user: a second launch hands over to the first (which comes to the
 * front) and quits, so two processes never share one data directory and push connection.
 */

/** The slice of Electron's app this module needs. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean
  on(event: 'second-instance', listener: () => void): unknown
  quit(): void
}

/** Returns false when another instance holds the lock; this one is then quitting. */
export function claimSingleInstance(app: SingleInstanceApp, onSecondInstance: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  app.on('second-instance', onSecondInstance)
  return true
}
