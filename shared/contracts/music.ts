/**
 * The Kugou music service of speaker products (AppKugouUserCommand): one typed command per
 * KGCommand. The service answers its own ErrorCode/ErrorMsg beside the data; the account
 * command reports a refusal as a state (no account logged in), the others as a typed error
 * (code `Kugou.<ErrorCode>`) the renderer shows as it shows any cloud error.
 */
import { z } from 'zod'
import { changed, command, contract, deviceId, id } from './define'

export const songSchema = z.object({
  songId: z.string(),
  name: z.string(),
  singerId: z.string(),
  singer: z.string(),
  albumId: z.string(),
  album: z.string(),
  albumImage: z.string(),
  /** Seconds. */
  duration: z.number(),
  language: z.string(),
  /** "YYYY-MM-DD" as the service gives it. */
  publishDate: z.string(),
  /** Needs a VIP Kugou account (pay_type 1). */
  vipOnly: z.boolean(),
  /** playable_code 0: this device's account can play it. */
  playable: z.boolean(),
  playableCode: z.number(),
})
export type Song = z.infer<typeof songSchema>

export const playlistSchema = z.object({
  playlistId: z.string(),
  name: z.string(),
  intro: z.string(),
  picture: z.string(),
  songCount: z.number(),
  playCount: z.number(),
})
export type Playlist = z.infer<typeof playlistSchema>

export const kugouAccountSchema = z.object({
  userId: z.string(),
  nickname: z.string(),
  avatar: z.string(),
  /** 0 none, 1 music package, 2 super VIP (Kugou's vip_type). */
  vipType: z.number(),
  /** Unix seconds; 0 when none. */
  vipEndTime: z.number(),
})
export type KugouAccount = z.infer<typeof kugouAccountSchema>

/** The service's own refusal: its ErrorCode and ErrorMsg. */
export const kugouRefusalSchema = z.object({ code: z.number(), message: z.string() })
export type KugouRefusal = z.infer<typeof kugouRefusalSchema>

const paging = { page: z.number().int().min(1).max(10_000).default(1), size: z.number().int().min(1).max(50).default(20) }
const pageOf = { page: z.number(), size: z.number(), total: z.number(), requestId: z.string() }
const songPage = z.object({ songs: z.array(songSchema), ...pageOf })
export type SongPage = z.infer<typeof songPage>

export const songLinkSchema = z.object({
  songId: z.string(),
  name: z.string(),
  singer: z.string(),
  /** '' when the song cannot be played with this device's account. */
  url: z.string(),
  /** Bytes. */
  size: z.number(),
  duration: z.number(),
  bitrate: z.number(),
  format: z.string(),
  /** Unix seconds the link stops working; 0 without a link. */
  expireTime: z.number(),
  playable: z.boolean(),
  playableCode: z.number(),
  requestId: z.string(),
})
export type SongLink = z.infer<typeof songLinkSchema>

export const musicContract = contract({
  /** The Kugou account logged in on the speaker (user_info), or the service's refusal. */
  'music.account': command(
    z.object({ deviceId }).strict(),
    z.object({ account: kugouAccountSchema.nullable(), refusal: kugouRefusalSchema.nullable(), requestId: z.string() }),
  ),
  /** Logs the speaker's Kugou account out (user_logout); Kugou logs back in only on the device. */
  'music.logout': command(z.object({ deviceId }).strict(), changed),
  /** Today's recommendations for the account (awesome_everyday). */
  'music.daily': command(z.object({ deviceId, ...paging }).strict(), songPage.extend({ date: z.string() })),
  /** New songs, newest first (awesome_newsong). */
  'music.newSongs': command(z.object({ deviceId, ...paging }).strict(), songPage),
  /** Recommended playlists (playlist_awesome). */
  'music.playlists': command(z.object({ deviceId, ...paging }).strict(), z.object({ playlists: z.array(playlistSchema), ...pageOf })),
  /** The songs of a playlist (playlist_song). */
  'music.playlistSongs': command(
    z.object({ deviceId, playlistId: id.max(64), ...paging }).strict(),
    songPage.extend({ playlistId: z.string(), playlistName: z.string() }),
  ),
  /** Details of songs, in the order asked (song_infos). */
  'music.songs': command(z.object({ deviceId, songIds: z.array(id.max(64)).min(1).max(50) }).strict(), z.object({ songs: z.array(songSchema), requestId: z.string() })),
  /** A song's playback link and file facts (song_url). */
  'music.songUrl': command(z.object({ deviceId, songId: id.max(64) }).strict(), songLinkSchema),
})
