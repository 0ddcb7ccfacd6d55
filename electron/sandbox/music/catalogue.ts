/**
 * The music service's catalogue: 40 songs by 10 artists on 15 albums, and 5 editorial
 * playlists, all fictional and generated from the seed with a generator of their own (the
 * fleet's draws are untouched). Publication dates are kept as "days before today" so the
 * newest songs stay new however long the sandbox runs.
 */
import { Rng } from '../prng'
import { hashKey } from '../sim/seed-hash'
import { SONG } from '../media/fixtures'

export interface Song {
  songId: string
  songName: string
  singerId: string
  singerName: string
  albumId: string
  albumName: string
  language: string
  /** Copies of the fixture MP3 the song's stream is made of; duration = copies x 4.068 s. */
  copies: number
  publishDaysAgo: number
  /** Needs a VIP Kugou account (pay_type 1). */
  vipOnly: boolean
}

export interface Playlist {
  playlistId: string
  name: string
  intro: string
  songIds: string[]
  playCount: number
}

export interface MusicCatalogue {
  songs: readonly Song[]
  playlists: readonly Playlist[]
  song(songId: string): Song | undefined
  playlist(playlistId: string): Playlist | undefined
  hasAlbum(albumId: string): boolean
}

export const SONG_COUNT = 40
/** Songs published in the last 60 days: the "new songs" list. */
export const NEW_SONG_COUNT = 12

const SINGERS = [
  'Zhou Mingyue', 'Harbour Lights', 'Wang Jiayi', 'Nova Chen', 'Li Qingshan',
  'Echo Valley', 'Sun Meiling', 'Blue Lantern', 'Zhang Wei Trio', 'Mira Song',
]
const ADJECTIVES = ['Silent', 'Neon', 'Golden', 'Paper', 'Midnight', 'Electric', 'Quiet', 'Distant', 'Crimson', 'Summer', 'Autumn', 'Northern', 'Velvet', 'Hidden', 'Falling', 'Endless']
const NOUNS = ['River', 'Harbour', 'Lantern', 'Garden', 'Skyline', 'Letters', 'Rain', 'Moon', 'Train', 'Tide', 'Mountain', 'Avenue', 'Window', 'Echo', 'Dream', 'Streetlights']
const LANGUAGES = { Mandarin: 50, English: 35, Cantonese: 15 } as const
const PLAYLISTS = [
  ['Morning Commute', 'Bright songs for the way to work.'],
  ['Deep Focus', 'Calm tracks that stay out of the way.'],
  ['Rainy Day', 'Soft songs for grey afternoons.'],
  ['Weekend Road Trip', 'Windows down, volume up.'],
  ['Sleep Sounds', 'Slow and quiet, for the end of the day.'],
] as const

const catalogues = new Map<number, MusicCatalogue>()

export function musicCatalogue(seed: number): MusicCatalogue {
  let catalogue = catalogues.get(seed)
  if (!catalogue) {
    catalogue = buildCatalogue(new Rng(hashKey(seed, 'kugou-catalogue')))
    catalogues.set(seed, catalogue)
  }
  return catalogue
}

function buildCatalogue(rng: Rng): MusicCatalogue {
  const ids = uniqueIds(rng)
  const singers = SINGERS.map((name) => ({ id: ids(), name, albums: albumsOf(rng, ids, name) }))
  const titles = uniqueTitles(rng)
  const songs: Song[] = []
  for (let i = 0; i < SONG_COUNT; i++) {
    const singer = rng.pick(singers)
    const album = rng.pick(singer.albums)
    songs.push({
      songId: ids(),
      songName: titles(),
      singerId: singer.id,
      singerName: singer.name,
      albumId: album.id,
      albumName: album.name,
      language: rng.weighted(LANGUAGES),
      copies: rng.int(37, 74),
      publishDaysAgo: i < NEW_SONG_COUNT ? rng.int(0, 60) : rng.int(61, 1500),
      vipOnly: rng.chance(0.3),
    })
  }
  const playlists = PLAYLISTS.map(([name, intro]) => ({
    playlistId: ids(),
    name,
    intro,
    songIds: shuffled(rng, songs).slice(0, rng.int(8, 15)).map((s) => s.songId),
    playCount: rng.int(10_000, 5_000_000),
  }))
  return indexed(songs, playlists)
}

function indexed(songs: Song[], playlists: Playlist[]): MusicCatalogue {
  const songsById = new Map(songs.map((s) => [s.songId, s]))
  const playlistsById = new Map(playlists.map((p) => [p.playlistId, p]))
  const albums = new Set(songs.map((s) => s.albumId))
  return {
    songs,
    playlists,
    song: (id) => songsById.get(id),
    playlist: (id) => playlistsById.get(id),
    hasAlbum: (id) => albums.has(id),
  }
}

/** One or two albums per artist (15 in all). */
function albumsOf(rng: Rng, ids: () => string, singer: string): { id: string; name: string }[] {
  const count = singer.length % 2 === 0 ? 2 : 1
  return Array.from({ length: count }, (_, i) => ({ id: ids(), name: `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}${i > 0 ? ' II' : ''}` }))
}

/** Kugou-like numeric ids (8 digits), never repeated. */
function uniqueIds(rng: Rng): () => string {
  const used = new Set<string>()
  return () => {
    let id: string
    do id = String(rng.int(10_000_000, 99_999_999))
    while (used.has(id))
    used.add(id)
    return id
  }
}

function uniqueTitles(rng: Rng): () => string {
  const used = new Set<string>()
  return () => {
    let title: string
    do title = `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`
    while (used.has(title))
    used.add(title)
    return title
  }
}

export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i)
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

export function songSeconds(song: Song): number {
  return song.copies * SONG.seconds
}
