import { downloadBlob } from '@/utils/download'

/** A PNG of the frame on screen, saved through a download link (Electron asks where); false if the frame could not be encoded. */
export async function saveSnapshot(video: HTMLVideoElement, filename: string, doc: Document = document): Promise<boolean> {
  const canvas = doc.createElement('canvas')
  canvas.width = video.videoWidth
  canvas.height = video.videoHeight
  canvas.getContext('2d')?.drawImage(video, 0, 0, canvas.width, canvas.height)
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
  if (!blob) return false
  downloadBlob(filename, blob, doc)
  return true
}
