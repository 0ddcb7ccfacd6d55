/**
 * The window's page as PDF for the core's PagePdfPort: Chromium's print pipeline
 * (webContents.printToPDF), so the page's print stylesheet decides what shows.
 */
import type { PagePdfPort } from '../core/commissioning/page-pdf-port'

/** The part of Electron's WebContents this needs. */
export interface PrintableContents {
  printToPDF(options: { pageSize: 'A4'; printBackground: boolean; preferCSSPageSize: boolean }): Promise<Buffer>
}

export function pagePdf(current: () => PrintableContents | null): PagePdfPort {
  return {
    printPage: async () => {
      const contents = current()
      if (!contents) throw new Error('There is no window to print.')
      // Backgrounds stay off: the report prints black on white whatever the theme.
      return contents.printToPDF({ pageSize: 'A4', printBackground: false, preferCSSPageSize: true })
    },
  }
}
