/** What a host offers to turn the page on screen into a PDF (Electron: webContents.printToPDF). */
export interface PagePdfPort {
  /** The window's page as PDF bytes, through Chromium's print pipeline (print stylesheet applied). */
  printPage(): Promise<Buffer>
}
