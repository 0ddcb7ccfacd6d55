/** The music commands of the bridge (shared/contracts/music.ts): one KGCommand each. */
import type { z } from 'zod'
import type { KugouRefusal, musicContract, Song } from '../../../shared/contracts/music'
import { ApiError } from '../api/api-error'
import {
  dailyShape,
  kugouVerdictShape,
  playlistSongsShape,
  playlistsShape,
  songInfosShape,
  songPageShape,
  songUrlShape,
  userInfoShape,
  type KugouSong,
} from '../api/answers/music'
import { readAnswer } from '../api/answers/read'
import type { CloudCall } from '../api/cloud-call'
import type { CloudReply } from '../api/envelope'
import type { DomainHandlers } from '../dispatcher'

const ACTION = 'AppKugouUserCommand'

/** `call` is the desk's audited call: user_logout (a change) lands in the audit log. */
export function musicCommands(call: CloudCall): DomainHandlers<typeof musicContract> {
  const kugou = (deviceId: string, command: string, params: Record<string, unknown> = {}) =>
    call(ACTION, { KGCommand: command, DeviceId: deviceId, KugouParams: params })

  return {
    'music.account': async ({ deviceId }) => {
      const reply = await kugou(deviceId, 'user_info')
      const refusal = refusalOf(reply)
      if (refusal) return { account: null, refusal, requestId: reply.requestId }
      const info = readAnswer(userInfoShape, reply, ACTION)
      const account = { userId: info.user_id, nickname: info.nickname, avatar: info.avatar, vipType: info.vip_type, vipEndTime: info.vip_end_time }
      return { account, refusal: null, requestId: reply.requestId }
    },
    'music.logout': async ({ deviceId }) => {
      const reply = accepted(await kugou(deviceId, 'user_logout'))
      return { requestId: reply.requestId }
    },
    'music.daily': async ({ deviceId, page, size }) => {
      const reply = accepted(await kugou(deviceId, 'awesome_everyday', { page, size }))
      const data = readAnswer(dailyShape, reply, ACTION)
      return { date: data.date, ...songPage(data, reply) }
    },
    'music.newSongs': async ({ deviceId, page, size }) => {
      const reply = accepted(await kugou(deviceId, 'awesome_newsong', { page, size }))
      return songPage(readAnswer(songPageShape, reply, ACTION), reply)
    },
    'music.playlists': async ({ deviceId, page, size }) => {
      const reply = accepted(await kugou(deviceId, 'playlist_awesome', { page, size }))
      const data = readAnswer(playlistsShape, reply, ACTION)
      const playlists = data.playlists.map((p) => ({
        playlistId: p.playlist_id,
        name: p.playlist_name,
        intro: p.intro,
        picture: p.pic,
        songCount: p.song_count,
        playCount: p.play_count,
      }))
      return { playlists, page: data.page, size: data.size, total: data.total, requestId: reply.requestId }
    },
    'music.playlistSongs': async ({ deviceId, playlistId, page, size }) => {
      const reply = accepted(await kugou(deviceId, 'playlist_song', { playlist_id: playlistId, page, size }))
      const data = readAnswer(playlistSongsShape, reply, ACTION)
      return { playlistId: data.playlist_id || playlistId, playlistName: data.playlist_name, ...songPage(data, reply) }
    },
    'music.songs': async ({ deviceId, songIds }) => {
      const reply = accepted(await kugou(deviceId, 'song_infos', { song_ids: songIds }))
      return { songs: readAnswer(songInfosShape, reply, ACTION).songs.map(toSong), requestId: reply.requestId }
    },
    'music.songUrl': async ({ deviceId, songId }) => {
      const reply = accepted(await kugou(deviceId, 'song_url', { song_id: songId }))
      const s = readAnswer(songUrlShape, reply, ACTION)
      return {
        songId: s.song_id,
        name: s.song_name,
        singer: s.singer_name,
        url: s.song_url,
        size: s.song_size,
        duration: s.duration,
        bitrate: s.bitrate,
        format: s.format,
        expireTime: s.expire_time,
        playable: s.playable_code === 0 && s.song_url !== '',
        playableCode: s.playable_code,
        requestId: reply.requestId,
      }
    },
  }
}

/** The music layer's refusal (ErrorCode other than 0), or null. */
export function refusalOf(reply: CloudReply): KugouRefusal | null {
  const verdict = readAnswer(kugouVerdictShape, reply, ACTION)
  return verdict.ErrorCode === 0 ? null : { code: verdict.ErrorCode, message: verdict.ErrorMsg || `Kugou refused (ErrorCode ${verdict.ErrorCode}).` }
}

/** The reply, or the service's refusal as a typed error naming its ErrorCode and the RequestId. */
function accepted(reply: CloudReply): CloudReply {
  const refusal = refusalOf(reply)
  if (!refusal) return reply
  throw new ApiError({ kind: 'api', code: `Kugou.${refusal.code}`, message: refusal.message, requestId: reply.requestId, action: ACTION })
}

export function toSong(s: KugouSong): Song {
  return {
    songId: s.song_id,
    name: s.song_name,
    singerId: s.singer_id,
    singer: s.singer_name,
    albumId: s.album_id,
    album: s.album_name,
    albumImage: s.album_img,
    duration: s.duration,
    language: s.language,
    publishDate: s.publish_date,
    vipOnly: s.pay_type === 1,
    playable: s.playable_code === 0,
    playableCode: s.playable_code,
  }
}

function songPage(data: z.output<typeof songPageShape>, reply: CloudReply) {
  return { songs: data.songs.map(toSong), page: data.page, size: data.size, total: data.total, requestId: reply.requestId }
}
