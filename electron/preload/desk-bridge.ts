/**
 * The bridge the preload exposes as `window.explorerDesk`: exactly DeskBridge's two
 * functions over the two IPC channels. ipcRenderer itself never reaches the page, and
 * neither does Electron's IPC event object (its `sender` is ipcRenderer).
 * Imports only zod-free modules: this file is bundled into the sandboxed preload. It checks
 * names by shape only; main checks every name and argument against shared/contracts.
 */
import { IPC_EVENT, IPC_INVOKE, isBridgeName } from '../../shared/bridge-channels'
import type { DeskBridge } from '../../shared/contracts'
import { LocalCode, type BridgeResult } from '../../shared/errors'

type IpcListener = (event: unknown, ...args: unknown[]) => void

/** The slice of Electron's ipcRenderer this module needs. */
export interface PreloadIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: IpcListener): unknown
  removeListener(channel: string, listener: IpcListener): unknown
}

export function createDeskBridge(ipc: PreloadIpc): DeskBridge {
  const invoke = async (command: unknown, args: unknown): Promise<BridgeResult<unknown>> => {
    if (!isBridgeName(command)) {
      return failure('validation', LocalCode.UnknownCommand, `Unknown command: ${describe(command)}`)
    }
    try {
      return (await ipc.invoke(IPC_INVOKE, command, args)) as BridgeResult<unknown>
    } catch (error) {
      // Only when main has no handler (yet) or the arguments cannot be cloned.
      return failure('internal', LocalCode.Internal, `The desk did not answer: ${describe(error)}`)
    }
  }

  const on = (event: unknown, listener: unknown): (() => void) => {
    if (!isBridgeName(event)) throw new TypeError(`Unknown event: ${describe(event)}`)
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function')
    const relay: IpcListener = (_ipcEvent, name, payload) => {
      if (name === event) listener(payload)
    }
    ipc.on(IPC_EVENT, relay)
    return () => void ipc.removeListener(IPC_EVENT, relay)
  }

  // The casts narrow runtime-checked functions to DeskBridge's generic signatures.
  return Object.freeze({ invoke, on }) as unknown as DeskBridge
}

function failure(kind: 'validation' | 'internal', code: string, message: string): BridgeResult<never> {
  return { ok: false, error: { kind, code, message } }
}

function describe(value: unknown): string {
  if (value instanceof Error) return value.message
  return typeof value === 'string' ? JSON.stringify(value) : typeof value
}
