/**
 * The eight KGCommands of AppKugouUserCommand. The reference names their parameter and
 * result types (KugouParams_*, Data_*) but never defines them (docs/api-decisions.md §6.15), so the
 * sandbox designs them in the snake_case of Kugou's open platform, the names clients of the
 * real service read (song_id, song_name, singer_name, song_url, playable_code):
 *
 * KugouParams                                   Data
 * playlist_song    {playlist_id, page?, size?}  {playlist_id, playlist_name, page, size, total, songs: Song[]}
 * song_url         {song_id}                    {song_id, song_name, singer_name, song_url, song_size,
 *                                                duration, bitrate, format, expire_time, playable_code}
 * awesome_everyday {page?, size?}               {date, page, size, total, songs: Song[]}
 * song_infos       {song_ids: [..] (1..50)}     {songs: Song[]} in the order asked
 * playlist_awesome {page?, size?}               {page, size, total, playlists: Playlist[]}
 * awesome_newsong  {page?, size?}               {page, size, total, songs: Song[]} newest first
 * user_logout      {}                           {}
 * user_info        {}                           {user_id, nickname, avatar, vip_type, vip_end_time, is_login}
 *
 * Song     {song_id, song_name, singer_id, singer_name, album_id, album_name, album_img,
 *           duration (s), language, publish_date "YYYY-MM-DD", pay_type (0 free, 1 VIP),
 *           playable_code (0 playable, 3 needs a VIP account)}
 * Playlist {playlist_id, playlist_name, intro, pic, song_count, play_count}
 * page is 1-based (default 1), size 1..50 (default 20); a page past the end is empty.
 * Ids are strings of digits; numbers are accepted too.
 */
import { invalidParam } from '../api/errors'
import { toInteger } from '../api/params'
import { formatCstDate } from '../media/cst'
import { chinaDayOf } from '../../../shared/time/china-time'
import type { MediaSigner } from '../media/signer'
import { coverPath, signedQuery, songPath } from '../media/urls'
import { Rng } from '../prng'
import { hashKey } from '../sim/seed-hash'
import type { Device, User } from '../world/model'
import type { World } from '../world/world'
import { musicCatalogue, shuffled, songSeconds, type MusicCatalogue, type Playlist, type Song } from './catalogue'
import { isLoggedIn, kugouAccountOf, logOut } from './kugou-accounts'
import { songSize } from './media'

export interface KugouCall {
  world: World
  user: Readonly<User>
  device: Readonly<Device>
  params: Readonly<Record<string, unknown>>
  nowSec: number
  origin: string
  signer: MediaSigner
}

/** ErrorCode/ErrorMsg are the Kugou layer: the call itself succeeded. */
export interface KugouResult {
  data: Record<string, unknown>
  errorCode?: number
  errorMsg?: string
}

/** Kugou-level ErrorCode for user_info on a logged-out device (sandbox choice; undocumented). */
export const KUGOU_NOT_LOGGED_IN = 20010
/** Daily recommendations per user and day. */
export const DAILY_SONGS = 20
/** song_url links live this long (sandbox choice; the reference states none). */
export const SONG_URL_TTL_SECONDS = 3600

const MAX_SIZE = 50
const MAX_SONG_IDS = 50

type Command = (call: KugouCall) => KugouResult

export const KUGOU_COMMANDS: Readonly<Record<string, Command>> = {
  playlist_song(call) {
    const playlist = playlistOf(call, requiredId(call.params, 'playlist_id'))
    const songs = playlist.songIds.map((id) => catalogueOf(call).song(id) as Song)
    return { data: { playlist_id: playlist.playlistId, playlist_name: playlist.name, ...pageOfSongs(call, songs) } }
  },
  song_url(call) {
    return { data: songUrl(call, songOf(call, requiredId(call.params, 'song_id'))) }
  },
  awesome_everyday(call) {
    const day = chinaDayOf(call.nowSec)
    const rng = new Rng(hashKey(call.world.seed, 'kugou-daily', call.user.userId, day))
    const songs = shuffled(rng, catalogueOf(call).songs).slice(0, DAILY_SONGS)
    return { data: { date: formatCstDate(day), ...pageOfSongs(call, songs) } }
  },
  song_infos(call) {
    const ids = call.params.song_ids
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_SONG_IDS) {
      throw invalidParam(`KugouParams.song_ids must be an array of 1 to ${MAX_SONG_IDS} song ids.`)
    }
    return { data: { songs: ids.map((id, i) => songItem(call, songOf(call, idText(id, `song_ids[${i}]`)))) } }
  },
  playlist_awesome(call) {
    const page = readPage(call.params)
    const all = catalogueOf(call).playlists
    const playlists = all.slice((page.page - 1) * page.size, page.page * page.size)
    return { data: { ...page, total: all.length, playlists: playlists.map((p) => playlistItem(call, p)) } }
  },
  awesome_newsong(call) {
    const songs = [...catalogueOf(call).songs].sort((a, b) => a.publishDaysAgo - b.publishDaysAgo).filter((s) => s.publishDaysAgo <= 60)
    return { data: pageOfSongs(call, songs) }
  },
  user_logout(call) {
    logOut(call.world, call.user.userId, call.device.deviceId)
    return { data: {} }
  },
  user_info(call) {
    if (!isLoggedIn(call.world, call.user.userId, call.device.deviceId)) {
      return { data: {}, errorCode: KUGOU_NOT_LOGGED_IN, errorMsg: 'No Kugou account is logged in on this device.' }
    }
    const account = kugouAccountOf(call.world.seed, call.user)
    return {
      data: {
        user_id: account.userId,
        nickname: account.nickname,
        avatar: call.user.avatar,
        vip_type: account.vipType,
        vip_end_time: account.vipEndTime,
        is_login: 1,
      },
    }
  },
}

function catalogueOf(call: KugouCall): MusicCatalogue {
  return musicCatalogue(call.world.seed)
}

function songOf(call: KugouCall, songId: string): Song {
  const song = catalogueOf(call).song(songId)
  if (!song) throw invalidParam(`Song ${songId} does not exist.`)
  return song
}

function playlistOf(call: KugouCall, playlistId: string): Playlist {
  const playlist = catalogueOf(call).playlist(playlistId)
  if (!playlist) throw invalidParam(`Playlist ${playlistId} does not exist.`)
  return playlist
}

function playable(call: KugouCall, song: Song): boolean {
  return !song.vipOnly || isLoggedIn(call.world, call.user.userId, call.device.deviceId)
}

function songItem(call: KugouCall, song: Song): Record<string, unknown> {
  return {
    song_id: song.songId,
    song_name: song.songName,
    singer_id: song.singerId,
    singer_name: song.singerName,
    album_id: song.albumId,
    album_name: song.albumName,
    album_img: `${call.origin}${coverPath(song.albumId)}`,
    duration: Math.round(songSeconds(song)),
    language: song.language,
    publish_date: formatCstDate(chinaDayOf(call.nowSec) - song.publishDaysAgo),
    pay_type: song.vipOnly ? 1 : 0,
    playable_code: playable(call, song) ? 0 : 3,
  }
}

/** A VIP song without a logged-in (VIP) account has no link, as the real service does. */
function songUrl(call: KugouCall, song: Song): Record<string, unknown> {
  const ok = playable(call, song)
  const expireTime = call.nowSec + SONG_URL_TTL_SECONDS
  const path = songPath(song.songId)
  return {
    song_id: song.songId,
    song_name: song.songName,
    singer_name: song.singerName,
    song_url: ok ? `${call.origin}${path}?${signedQuery(call.signer, path, expireTime)}` : '',
    song_size: ok ? songSize(song.copies) : 0,
    duration: Math.round(songSeconds(song)),
    bitrate: 32,
    format: 'mp3',
    expire_time: ok ? expireTime : 0,
    playable_code: ok ? 0 : 3,
  }
}

function playlistItem(call: KugouCall, playlist: Playlist): Record<string, unknown> {
  const first = catalogueOf(call).song(playlist.songIds[0] ?? '')
  return {
    playlist_id: playlist.playlistId,
    playlist_name: playlist.name,
    intro: playlist.intro,
    pic: first ? `${call.origin}${coverPath(first.albumId)}` : '',
    song_count: playlist.songIds.length,
    play_count: playlist.playCount,
  }
}

function pageOfSongs(call: KugouCall, songs: readonly Song[]): Record<string, unknown> {
  const page = readPage(call.params)
  const slice = songs.slice((page.page - 1) * page.size, page.page * page.size)
  return { ...page, total: songs.length, songs: slice.map((s) => songItem(call, s)) }
}

function readPage(params: Readonly<Record<string, unknown>>): { page: number; size: number } {
  const page = params.page === undefined ? 1 : toInteger(params.page)
  const size = params.size === undefined ? 20 : toInteger(params.size)
  if (page === undefined || page < 1) throw invalidParam('KugouParams.page must be an integer from 1.')
  if (size === undefined || size < 1 || size > MAX_SIZE) throw invalidParam(`KugouParams.size must be an integer from 1 to ${MAX_SIZE}.`)
  return { page, size }
}

function requiredId(params: Readonly<Record<string, unknown>>, name: string): string {
  if (params[name] === undefined || params[name] === null || params[name] === '') throw invalidParam(`KugouParams.${name} is required.`)
  return idText(params[name], name)
}

function idText(value: unknown, name: string): string {
  if (typeof value === 'string' && value !== '') return value
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value)
  throw invalidParam(`KugouParams.${name} must be an id string.`)
}
