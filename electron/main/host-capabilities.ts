/**
 * What the desktop offers the core beyond the bridge: opening the data folder in the file
 * manager, a save dialog for files the user takes away (the support bundle, a report's PDF),
 * and the page printed to PDF.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { HostCapabilities } from '../core/desk-contract'
import type { PagePdfPort } from '../core/commissioning/page-pdf-port'
import type { UpdaterPort } from '../core/updates/updater-port'

export interface HostDeps {
  /** Electron's shell.openPath: '' on success, else why it failed. */
  openPath(path: string): Promise<string>
  /** Electron's dialog.showSaveDialog, bound to the main window. */
  showSaveDialog(options: { defaultPath: string; filters: { name: string; extensions: string[] }[] }): Promise<{ canceled: boolean; filePath?: string }>
  /** Where the dialog starts (app.getPath('downloads')). */
  downloadsDir: string
  updater?: UpdaterPort
  /** The main window's page as PDF (page-pdf.ts). */
  pdf?: PagePdfPort
  write?: (path: string, data: Buffer) => Promise<void>
}

export function hostCapabilities(deps: HostDeps): HostCapabilities {
  // Only the user should read a support bundle they saved.
  const write = deps.write ?? ((path: string, data: Buffer) => writeFile(path, data, { mode: 0o600 }))
  return {
    openPath: (path) => deps.openPath(path),
    saveFile: async (suggestedName, data) => {
      const extension = suggestedName.split('.').pop() ?? ''
      const chosen = await deps.showSaveDialog({ defaultPath: join(deps.downloadsDir, suggestedName), filters: [{ name: extension.toUpperCase(), extensions: [extension] }] })
      if (chosen.canceled || !chosen.filePath) return null
      await write(chosen.filePath, data)
      return chosen.filePath
    },
    ...(deps.updater ? { updater: deps.updater } : {}),
    ...(deps.pdf ? { pdf: deps.pdf } : {}),
  }
}
