import { describe, expect, it } from 'vitest'
import { readEnvelope } from '../../electron/core/api/envelope'
import { musicCommands } from '../../electron/core/music/commands'
import type { CloudCall } from '../../electron/core/api/cloud-call'

/** A cloud that answers AppKugouUserCommand with these bodies, read through the real envelope. */
function kugouCloud(bodies: unknown[]) {
  const sent: Record<string, unknown>[] = []
  const call: CloudCall = async (action, params) => {
    sent.push(params)
    return readEnvelope(bodies.shift(), action, 'sent-rq')
  }
  return { music: musicCommands(call), sent }
}

const song = { song_id: 12345678, song_name: 'Neon River', singer_id: '1', singer_name: 'Nova Chen', album_id: '2', album_name: 'Quiet Tide', album_img: 'https://x/c.jpg', duration: 201, language: 'English', publish_date: '2026-11-30', pay_type: 1, playable_code: 3 }

describe('music answers, per KGCommand', () => {
  it('reads Data inside Response with the verdict beside it, and sends page and size in KugouParams', async () => {
    const { music, sent } = kugouCloud([{ Response: { Data: { date: '2026-12-03', page: 1, size: 20, total: 1, songs: [song] }, ErrorCode: 0, ErrorMsg: '', RequestId: 'rq-1' } }])
    const daily = await music['music.daily']({ deviceId: 'SPK/one', page: 1, size: 20 })
    expect(sent[0]).toEqual({ KGCommand: 'awesome_everyday', DeviceId: 'SPK/one', KugouParams: { page: 1, size: 20 } })
    expect(daily).toMatchObject({ date: '2026-12-03', total: 1, requestId: 'rq-1' })
    // A numeric id is kept as text; a VIP song without a VIP account is not playable.
    expect(daily.songs[0]).toMatchObject({ songId: '12345678', singer: 'Nova Chen', vipOnly: true, playable: false, playableCode: 3 })
  })

  it('reads a refusal printed after Response (the form six examples use) as a typed Kugou error with the RequestId', async () => {
    const { music } = kugouCloud([{ Response: { Data: {} }, ErrorCode: 20011, ErrorMsg: 'The device is not a speaker.', RequestId: 'rq-2' }])
    await expect(music['music.newSongs']({ deviceId: 'SPK/one', page: 1, size: 20 })).rejects.toMatchObject({
      kind: 'api',
      code: 'Kugou.20011',
      message: 'The device is not a speaker.',
      action: 'AppKugouUserCommand',
    })
  })

  it('answers the account state, or the refusal as a state when no account is logged in', async () => {
    const { music } = kugouCloud([
      { Response: { Data: { user_id: '100200300', nickname: 'Ann', avatar: '', vip_type: 2, vip_end_time: 1900000000, is_login: 1 }, ErrorCode: 0, ErrorMsg: '', RequestId: 'rq-3' } },
      { Response: { Data: {}, ErrorCode: 20010, ErrorMsg: 'No Kugou account is logged in on this device.', RequestId: 'rq-4' } },
    ])
    expect(await music['music.account']({ deviceId: 'SPK/one' })).toEqual({
      account: { userId: '100200300', nickname: 'Ann', avatar: '', vipType: 2, vipEndTime: 1900000000 },
      refusal: null,
      requestId: 'rq-3',
    })
    expect(await music['music.account']({ deviceId: 'SPK/one' })).toEqual({
      account: null,
      refusal: { code: 20010, message: 'No Kugou account is logged in on this device.' },
      requestId: 'rq-4',
    })
  })

  it('reads a song link, and a song without a link as not playable', async () => {
    const { music, sent } = kugouCloud([
      { Response: { Data: { song_id: '1', song_name: 'A', singer_name: 'B', song_url: '', song_size: 0, duration: 200, bitrate: 32, format: 'mp3', expire_time: 0, playable_code: 3 }, ErrorCode: 0, ErrorMsg: '', RequestId: 'rq-5' } },
    ])
    expect(await music['music.songUrl']({ deviceId: 'SPK/one', songId: '1' })).toMatchObject({ url: '', playable: false, playableCode: 3 })
    expect(sent[0]).toEqual({ KGCommand: 'song_url', DeviceId: 'SPK/one', KugouParams: { song_id: '1' } })
  })

  it('refuses a song list that is not a list with a typed malformed-answer error', async () => {
    const { music } = kugouCloud([{ Response: { Data: { songs: 'none' }, ErrorCode: 0, RequestId: 'rq-6' } }])
    await expect(music['music.songs']({ deviceId: 'SPK/one', songIds: ['1'] })).rejects.toMatchObject({ code: 'Desk.MalformedResponse', requestId: 'rq-6' })
  })
})
