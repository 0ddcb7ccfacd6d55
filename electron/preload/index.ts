/**
 * Preload: runs sandboxed (as CommonJS, bundled to out/preload/index.cjs) before the page
 * and exposes the desk bridge, and nothing else, as `window.explorerDesk`.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { createDeskBridge } from './desk-bridge'

contextBridge.exposeInMainWorld('explorerDesk', createDeskBridge(ipcRenderer))
