/** The text of a PDF, page by page, read with pdfjs-dist (its legacy build runs on Node 20). */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

export async function pdfText(pdf: Uint8Array): Promise<string> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise
  const pages: string[] = []
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent()
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join(''))
  }
  await document.destroy()
  return pages.join('\n')
}

/**
 * Whether a PDF's text holds `needle` as a reader sees it: NFKC folds what fonts map to
 * presentation forms (ligatures such as "fi", CJK radicals such as U+2F47 for 日), and
 * white space is ignored, since table cells wrap and glyph runs split words.
 */
export function pdfHolds(text: string, needle: string): boolean {
  const plain = (s: string) => s.normalize('NFKC').replace(/\s+/g, '')
  return plain(text).includes(plain(needle))
}
