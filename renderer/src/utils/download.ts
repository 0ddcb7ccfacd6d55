/**
 * Saves text as a file through a Blob and a download link: a browser saves it, Electron
 * asks where (its default download handling). Nothing is written by the renderer itself.
 */
export function downloadText(filename: string, text: string, type = 'text/plain;charset=utf-8', doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
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
    // The download has its own reference by now; give slow handlers a moment anyway.
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }
}

/** A file-name-safe local timestamp: 20260131-1405. */
export function fileStamp(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}`
}
