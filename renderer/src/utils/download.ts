/**
 * Saves text as a file through a Blob and a download link: a browser saves it, Electron
 * asks where (its default download handling). Nothing is written by the renderer itself.
 */
export function downloadText(filename: string, text: string, type = 'text/plain;charset=utf-8', doc: Document = document): void {
  downloadBlob(filename, new Blob([text], { type }), doc)
}

/** Saves a Blob (text, PNG…) the same way. */
export function downloadBlob(filename: string, blob: Blob, doc: Document = document): void {
  const url = URL.createObjectURL(blob)
  downloadUrl(filename, url, doc)
  // The download has its own reference by now; give slow handlers a moment anyway.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Saves what a URL (blob: or data:) holds under a file name. */
export function downloadUrl(filename: string, url: string, doc: Document = document): void {
  const link = doc.createElement('a')
  link.href = url
  link.download = filename
  link.rel = 'noopener'
  link.style.display = 'none'
  doc.body.appendChild(link)
  try {
    link.click()
  } finally {
    link.remove()
  }
}

/** A file-name-safe local timestamp: 20260131-1405. */
export function fileStamp(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}`
}
