/**
 * The bridge's two IPC channels on the main side: commands in (IPC_INVOKE), events out
 * (IPC_EVENT). Every invoke is answered with a BridgeResult; nothing here throws across IPC.
 */
import { IPC_EVENT, IPC_INVOKE } from '../../shared/bridge-channels'
import { LocalCode, type BridgeError, type BridgeResult } from '../../shared/errors'
import type { Desk } from '../core/desk-contract'

/** Error codes this module raises (not in LocalCode: only the Electron host can raise them). */
export const IpcCode = {
  ForbiddenSender: 'Desk.ForbiddenSender',
} as const

export interface InvokeEvent {
  /** null once the frame navigated away or was destroyed. */
  senderFrame: { url: string } | null
}
/** The slice of Electron's ipcMain this module needs. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>): void
  removeHandler(channel: string): void
}

export function registerDeskIpc(ipcMain: IpcMainLike, desk: Desk, isAppUrl: (url: string) => boolean): () => void {
  ipcMain.handle(IPC_INVOKE, async (event, command, args) => {
    const url = event.senderFrame?.url
    if (url === undefined || !isAppUrl(url)) return failure(forbiddenSender(url))
    return dispatchSafely(desk, command, args)
  })
  return () => ipcMain.removeHandler(IPC_INVOKE)
}

/** The desk promises never to throw; this keeps the IPC promise resolved if it ever does. */
async function dispatchSafely(desk: Desk, command: unknown, args: unknown): Promise<BridgeResult<unknown>> {
  try {
    return await desk.dispatch(command, args)
  } catch (error) {
    console.error('[desk] dispatch threw', error)
    return failure({ kind: 'internal', code: LocalCode.Internal, message: 'The command failed unexpectedly.' })
  }
}

function forbiddenSender(url: string | undefined): BridgeError {
  // The URL goes to the log, not the answer: a foreign page learns nothing about the app.
  console.warn('[desk] refused IPC from', url ?? 'a destroyed frame')
  return { kind: 'validation', code: IpcCode.ForbiddenSender, message: 'This page may not use the desk bridge.' }
}

function failure(error: BridgeError): BridgeResult<never> {
  return { ok: false, error }
}

/** The window's webContents as far as events are concerned. */
export interface EventTarget {
  isDestroyed(): boolean
  send(channel: string, ...args: unknown[]): void
}

/** Pushes every desk event to the current main window, if it is still there. */
export function forwardDeskEvents(desk: Desk, target: () => EventTarget | null): () => void {
  return desk.onEvent((event, payload) => {
    const contents = target()
    if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT, event, payload)
  })
}
