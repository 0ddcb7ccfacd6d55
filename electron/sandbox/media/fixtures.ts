/**
 * The committed media the sandbox serves (made once by fixtures/generate.sh; the sandbox
 * never runs ffmpeg). Files are read on first use and kept in memory (about 240 KB).
 *
 * Where they are: SANDBOX_MEDIA_DIR if set, else `fixtures/` beside this module (source
 * tree: tsx, vitest), else `sandbox-media/` beside the bundle (a packaged main process,
 * whose build copies the folder there).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** 12 s of H.264 in three 4 s segments with continuous timestamps: 0 -> 1 -> 2 plays seamlessly. */
export const VIDEO_SEGMENTS = ['video-0.m2t', 'video-1.m2t', 'video-2.m2t'] as const
/** The same 12 s of AAC audio. */
export const AUDIO_SEGMENTS = ['audio-0.m2t', 'audio-1.m2t', 'audio-2.m2t'] as const

/** An event's thumbnail: a person or a sound picture for those detections, motion for the rest. */
export function thumbnailFile(eventId: string): string {
  if (eventId.startsWith('person')) return 'thumb-person.jpg'
  if (eventId.startsWith('sound')) return 'thumb-sound.jpg'
  return 'thumb-motion.jpg'
}

export const COVER = 'cover.jpg'

/**
 * A CBR MP3 without ID3/Xing headers or bit reservoir: 113 frames of 144 bytes, 36 ms each
 * (MPEG-1 layer III, 32 kb/s, 32 kHz), so n copies back to back are a valid n x 4.068 s MP3.
 */
export const SONG = { file: 'song.mp3', bytes: 113 * 144, seconds: 113 * 0.036, kbps: 32 } as const

const loaded = new Map<string, Buffer>()

export class MediaUnavailableError extends Error {}

export function fixture(name: string): Buffer {
  let data = loaded.get(name)
  if (!data) {
    data = readFileSync(join(fixtureDir(), name))
    loaded.set(name, data)
  }
  return data
}

let dir: string | undefined

function fixtureDir(): string {
  if (dir) return dir
  const candidates = [
    process.env.SANDBOX_MEDIA_DIR,
    join(import.meta.dirname, 'fixtures'),
    join(import.meta.dirname, 'sandbox-media'),
  ].filter((d): d is string => !!d)
  dir = candidates.find((d) => existsSync(join(d, VIDEO_SEGMENTS[0])))
  if (!dir) throw new MediaUnavailableError(`The sandbox's media fixtures are not in ${candidates.join(' or ')}.`)
  return dir
}
