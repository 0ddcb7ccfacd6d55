/**
 * What AppKugouUserCommand answers per KGCommand. The reference names Data_* types it never
 * defines; these read the snake_case fields of Kugou's open platform (song_id, song_name,
 * singer_name, playable_code), as the sandbox designs them. ErrorCode/ErrorMsg are the
 * music layer's own verdict beside Data (missing counts as 0).
 */
import { z } from 'zod'
import { listOf, optInt, optStr, str } from './read'

export const kugouVerdictShape = z.object({ ErrorCode: optInt, ErrorMsg: optStr })

const song = z.object({
  song_id: str,
  song_name: optStr,
  singer_id: optStr,
  singer_name: optStr,
  album_id: optStr,
  album_name: optStr,
  album_img: optStr,
  duration: optInt,
  language: optStr,
  publish_date: optStr,
  pay_type: optInt,
  playable_code: optInt,
})
export type KugouSong = z.output<typeof song>

const page = { page: optInt, size: optInt, total: optInt }

export const songPageShape = z.object({ ...page, songs: listOf(song) })
export const dailyShape = songPageShape.extend({ date: optStr })
export const playlistSongsShape = songPageShape.extend({ playlist_id: optStr, playlist_name: optStr })
export const songInfosShape = z.object({ songs: listOf(song) })
export const playlistsShape = z.object({
  ...page,
  playlists: listOf(
    z.object({ playlist_id: str, playlist_name: optStr, intro: optStr, pic: optStr, song_count: optInt, play_count: optInt }),
  ),
})
export const songUrlShape = z.object({
  song_id: str,
  song_name: optStr,
  singer_name: optStr,
  song_url: optStr,
  song_size: optInt,
  duration: optInt,
  bitrate: optInt,
  format: optStr,
  expire_time: optInt,
  playable_code: optInt,
})
export const userInfoShape = z.object({
  user_id: optStr,
  nickname: optStr,
  avatar: optStr,
  vip_type: optInt,
  vip_end_time: optInt,
  is_login: optInt,
})
