/** A camera's cloud storage: recorded days, a day's playlist, its events and thumbnails, signed links. */
import { z } from 'zod'
import { signedVideoUrlSchema } from '../video'
import { command, contract, id } from './define'

const camera = { deviceId: id }
const seconds = z.number().int().nonnegative().max(2 ** 32)

export const recordingSpanSchema = z.object({ start: z.number(), end: z.number() })
export const recordingEventSchema = z.object({
  /** Unix seconds. */
  start: z.number(),
  end: z.number(),
  eventId: z.string(),
  /** The thumbnail's file name, signed on demand (video.thumbnail). */
  thumbnail: z.string(),
})
export type RecordingEventItem = z.infer<typeof recordingEventSchema>

export const videoContract = contract({
  /** Cloud dates (China time, yyyy-MM-dd) with recordings. */
  'video.recordedDates': command(z.object(camera).strict(), z.object({ dates: z.array(z.string()) })),
  /** One cloud date's playlist: one URL playing its spans back to back (Unix seconds, oldest first). */
  'video.dayRecordings': command(
    z.object({ ...camera, date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is yyyy-MM-dd') }).strict(),
    z.object({ videoUrl: z.string(), spans: z.array(recordingSpanSchema) }),
  ),
  /** One page of recorded events between two moments, or after a cursor. */
  'video.events': command(
    z.object({ ...camera, fromS: seconds, toS: seconds, context: z.string().max(4096).optional(), size: z.number().int().min(1).max(100).default(50) }).strict(),
    z.object({ events: z.array(recordingEventSchema), context: z.string(), listover: z.boolean() }),
  ),
  'video.thumbnail': command(z.object({ ...camera, thumbnail: z.string().min(1).max(512) }).strict(), z.object({ url: z.string() })),
  /** A playable, signed link of a camera's recording (lotVideoGenerateSignedVideoURL). */
  'video.signUrl': command(z.object({ ...camera, videoUrl: z.url({ protocol: /^https?$/ }).max(2048) }), signedVideoUrlSchema),
})
