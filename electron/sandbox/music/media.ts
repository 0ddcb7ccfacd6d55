/**
 * Music on the media server: a song's stream `/kugou/song/{id}.mp3?exp=&sign=` (signed by
 * song_url, expiring like the recordings) is the fixture MP3 repeated for the song's
 * length; album covers `/kugou/cover/{id}.jpg` are public, like a CDN's images.
 */
import type { CloudState } from '../actions/registry'
import { checkExpiring, notFound, type MediaAnswer } from '../media/answers'
import { COVER, fixture, SONG } from '../media/fixtures'
import type { MediaSigner } from '../media/signer'
import { songPath } from '../media/urls'
import { musicCatalogue } from './catalogue'

/** undefined when the path is not a music path. */
export function songAnswer(cloud: CloudState, signer: MediaSigner, url: URL, nowSec: number): MediaAnswer | undefined {
  const catalogue = musicCatalogue(cloud.world.seed)
  const song = /^\/kugou\/song\/(\d{1,12})\.mp3$/.exec(url.pathname)
  if (song) {
    const refused = checkExpiring(signer, songPath(song[1] as string), url.searchParams, nowSec)
    if (refused) return refused
    const found = catalogue.song(song[1] as string)
    return found ? { status: 200, type: 'audio/mpeg', body: songBytes(found.copies) } : notFound()
  }
  const cover = /^\/kugou\/cover\/(\d{1,12})\.jpg$/.exec(url.pathname)
  if (cover) return catalogue.hasAlbum(cover[1] as string) ? { status: 200, type: 'image/jpeg', body: fixture(COVER) } : notFound()
  return undefined
}

export function songBytes(copies: number): Buffer {
  return Buffer.concat(Array.from({ length: copies }, () => fixture(SONG.file)))
}

export function songSize(copies: number): number {
  return copies * SONG.bytes
}
