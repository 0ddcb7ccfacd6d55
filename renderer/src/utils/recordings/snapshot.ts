import { downloadBlob } from '@/utils/download'

/** A PNG of the frame on screen, saved through a download link (Electron asks where). */
export async function saveSnapshot(video: HTMLVideoElement, filename: string, doc: Document = document): Promise<void> {
  const canvas = doc.createElement('canvas')
  canvas.width = video.videoWidth
  canvas.height = video.videoHeight
  canvas.getContext('2d')?.drawImage(video, 0, 0, canvas.width, canvas.height)
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
  if (!blob) throw new Error('The frame could not be encoded as PNG.')
  downloadBlob(filename, blob, doc)
}
