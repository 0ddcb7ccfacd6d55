import { ZipFile } from 'yazl'

export interface ZipEntry {
  name: string
  data: Buffer
}

/** A deflated zip of `entries`, in memory (a support bundle is a few megabytes at most). */
export function zipEntries(entries: ZipEntry[], mtime = new Date()): Promise<Buffer> {
  const zip = new ZipFile()
  for (const entry of entries) zip.addBuffer(entry.data, entry.name, { mtime })
  zip.end()
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk))
    zip.outputStream.on('error', reject)
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)))
  })
}
