/**
 * The music service (AppKugouUserCommand): its catalogue, paging, playable songs served by
 * the sandbox, the Kugou account on a device, and the envelope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NEIGHBOUR_ACCOUNT, PRODUCT_IDS, type Device, type RunningSandbox } from '../../electron/sandbox'
import { errorCode, signIn, T0, testClock, tokenapi, withSandbox, type Json } from './helpers'

const COMMANDS = ['playlist_song', 'song_url', 'awesome_everyday', 'song_infos', 'playlist_awesome', 'awesome_newsong', 'user_logout', 'user_info']
const SONG_FIELDS = ['song_id', 'song_name', 'singer_id', 'singer_name', 'album_id', 'album_name', 'album_img', 'duration', 'language', 'publish_date', 'pay_type', 'playable_code']

let sb: RunningSandbox
let token: string
let clock: ReturnType<typeof testClock>
let speaker: Device

const homeDevice = (productId: string, skip = 0) => {
  const home = [...sb.world.families.values()].find((f) => f.name === 'Home')!
  return sb.world.devicesIn(home.familyId).filter((d) => d.productId === productId)[skip]!
}
const kugou = (command: string, params: Json = {}, deviceId = speaker.deviceId) =>
  tokenapi(sb, token, 'AppKugouUserCommand', { DeviceId: deviceId, KGCommand: command, KugouParams: params })
const data = async (command: string, params: Json = {}, deviceId?: string): Promise<Json> => {
  const body = await kugou(command, params, deviceId)
  expect(errorCode(body), JSON.stringify(body)).toBeUndefined()
  expect(body.Response.ErrorCode).toBe(0)
  return body.Response.Data
}

beforeAll(async () => {
  clock = testClock(T0 + 3 * 86_400_000)
  sb = await withSandbox({ clock: clock.now, simulate: false })
  token = await signIn(sb)
  speaker = homeDevice(PRODUCT_IDS.light)
})
afterAll(() => sb.close())

describe('envelope and errors', () => {
  it('answers every KGCommand with Response {Data, ErrorCode 0, ErrorMsg "", RequestId}', async () => {
    const playlistId = (await data('playlist_awesome')).playlists[0].playlist_id
    const songId = (await data('awesome_newsong', { size: 1 })).songs[0].song_id
    const params: Record<string, Json> = { playlist_song: { playlist_id: playlistId }, song_url: { song_id: songId }, song_infos: { song_ids: [songId] } }
    for (const command of COMMANDS) {
      const deviceId = command === 'user_logout' ? homeDevice(PRODUCT_IDS.light, 1)?.deviceId ?? homeDevice(PRODUCT_IDS.camera).deviceId : speaker.deviceId
      const body = await kugou(command, params[command] ?? {}, deviceId)
      expect(Object.keys(body), command).toEqual(['Response'])
      expect(Object.keys(body.Response).sort(), command).toEqual(['Data', 'ErrorCode', 'ErrorMsg', 'RequestId'])
      expect(body.Response).toMatchObject({ ErrorCode: 0, ErrorMsg: '' })
      expect(typeof body.Response.Data, command).toBe('object')
    }
  })

  it('refuses unknown commands, songs, playlists, bad paging and other users devices', async () => {
    expect(errorCode(await kugou('search_song', {}))).toBe('InvalidParameterValue')
    expect(errorCode(await kugou('song_url', { song_id: '12345' }))).toBe('InvalidParameterValue')
    expect(errorCode(await kugou('song_url', {}))).toBe('InvalidParameterValue')
    expect(errorCode(await kugou('playlist_song', { playlist_id: 'nope' }))).toBe('InvalidParameterValue')
    expect(errorCode(await kugou('song_infos', { song_ids: [] }))).toBe('InvalidParameterValue')
    expect(errorCode(await kugou('song_infos', { song_ids: 'a' }))).toBe('InvalidParameterValue')
    expect(errorCode(await kugou('awesome_newsong', { size: 51 }))).toBe('InvalidParameterValue')
    expect(errorCode(await kugou('awesome_newsong', { page: 0 }))).toBe('InvalidParameterValue')
    expect(errorCode(await kugou('awesome_newsong', { page: 'x' }))).toBe('InvalidParameterValue')
    const body = await tokenapi(sb, token, 'AppKugouUserCommand', { DeviceId: speaker.deviceId, KGCommand: 'user_info', KugouParams: 'x' })
    expect(errorCode(body)).toBe('InvalidParameterValue')
    expect(errorCode(await tokenapi(sb, token, 'AppKugouUserCommand', { DeviceId: speaker.deviceId, KGCommand: 'user_info' }))).toBe('ErrorRequiredParamNotFound')
    expect(errorCode(await kugou('user_info', {}, `${PRODUCT_IDS.light}/no_such`))).toBe('ResourceNotFound.DeviceNotExist')
    const flat = [...sb.world.families.values()].find((f) => f.ownerId === NEIGHBOUR_ACCOUNT.userId && f.name !== 'Holiday cottage')!
    const foreign = sb.world.devicesIn(flat.familyId)[0]!
    expect(errorCode(await kugou('user_info', {}, foreign.deviceId))).toBe('InvalidParameterValue.NoPermission')
  })
})

describe('catalogue', () => {
  it("pages a playlist's songs without gaps or repeats", async () => {
    const { playlists, total } = await data('playlist_awesome', { size: 50 })
    expect(total).toBe(5)
    expect(playlists).toHaveLength(5)
    for (const playlist of playlists) {
      expect(Object.keys(playlist).sort()).toEqual(['intro', 'pic', 'play_count', 'playlist_id', 'playlist_name', 'song_count'])
      const seen: string[] = []
      for (let page = 1; ; page++) {
        const got = await data('playlist_song', { playlist_id: playlist.playlist_id, page, size: 3 })
        expect(got).toMatchObject({ playlist_id: playlist.playlist_id, playlist_name: playlist.playlist_name, page, size: 3, total: playlist.song_count })
        if (got.songs.length === 0) break
        seen.push(...got.songs.map((s: Json) => s.song_id))
      }
      expect(seen).toHaveLength(playlist.song_count)
      expect(new Set(seen).size).toBe(seen.length)
    }
    expect((await data('playlist_awesome', { page: 2, size: 3 })).playlists.map((p: Json) => p.playlist_id)).toEqual(playlists.slice(3).map((p: Json) => p.playlist_id))
  })

  it('describes songs by id, in the order asked', async () => {
    const newest = (await data('awesome_newsong', { size: 5 })).songs as Json[]
    for (const song of newest) expect(Object.keys(song).sort()).toEqual([...SONG_FIELDS].sort())
    const ids = newest.map((s) => s.song_id).reverse()
    const infos = await data('song_infos', { song_ids: [...ids, Number(ids[0])] })
    expect(infos.songs.map((s: Json) => s.song_id)).toEqual([...ids, ids[0]])
    expect(infos.songs[0]).toEqual(newest[newest.length - 1])
  })

  it('lists new songs newest first, all from the last 60 days', async () => {
    const { songs, total } = await data('awesome_newsong', { size: 50 })
    expect(songs).toHaveLength(total)
    expect(total).toBeGreaterThanOrEqual(10)
    const dates = songs.map((s: Json) => s.publish_date as string)
    expect([...dates].sort().reverse()).toEqual(dates)
    const oldest = new Date(clock.now() - 61 * 86_400_000).toISOString().slice(0, 10)
    for (const date of dates) expect(date >= oldest).toBe(true)
  })

  it('recommends 20 songs a day per user, the same all day, others the next day', async () => {
    const today = await data('awesome_everyday', { size: 50 })
    expect(today.total).toBe(20)
    expect(today.date).toBe(new Date(clock.now() + 8 * 3_600_000).toISOString().slice(0, 10))
    expect((await data('awesome_everyday', { size: 50 })).songs).toEqual(today.songs)
    clock.advance(86_400_000)
    try {
      token = await signIn(sb)
      const tomorrow = await data('awesome_everyday', { size: 50 })
      expect(tomorrow.songs.map((s: Json) => s.song_id)).not.toEqual(today.songs.map((s: Json) => s.song_id))
    } finally {
      clock.advance(-86_400_000)
      token = await signIn(sb)
    }
  })

  it('is the same catalogue for the same seed', async () => {
    const other = await withSandbox({ clock: clock.now, simulate: false })
    try {
      const body = await tokenapi(other, await signIn(other), 'AppKugouUserCommand', { DeviceId: speaker.deviceId, KGCommand: 'awesome_newsong', KugouParams: { size: 50 } })
      // The same but for the origin (each sandbox has its own port).
      const theirs = JSON.stringify(body.Response.Data).replaceAll(other.url, sb.url)
      expect(JSON.parse(theirs)).toEqual(await data('awesome_newsong', { size: 50 }))
    } finally {
      await other.close()
    }
  })
})

describe('playing', () => {
  it('serves a song as a signed MP3 of the stated size and length, with byte ranges', async () => {
    const songId = (await data('awesome_newsong', { size: 1 })).songs[0].song_id
    const song = await data('song_url', { song_id: songId })
    expect(song).toMatchObject({ song_id: songId, format: 'mp3', bitrate: 32, playable_code: 0 })
    expect(song.expire_time).toBe(Math.floor(clock.now() / 1000) + 3600)
    const res = await fetch(song.song_url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('audio/mpeg')
    const bytes = Buffer.from(await res.arrayBuffer())
    expect(bytes.length).toBe(song.song_size)
    expect(bytes.subarray(0, 2).toString('hex')).toBe('fffb')
    // CBR 32 kb/s: the byte count is the duration.
    expect(Math.abs((bytes.length * 8) / 32_000 - song.duration)).toBeLessThan(1)
    const part = await fetch(song.song_url, { headers: { range: 'bytes=100-199' } })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${song.song_size}`)
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(100, 200))
    expect((await fetch(song.song_url.replace(/sign=\w+/, 'sign=00'))).status).toBe(403)
    clock.advance(3601_000)
    try {
      expect((await fetch(song.song_url)).status).toBe(403)
    } finally {
      clock.advance(-3601_000)
    }
  })

  it('serves album covers as JPEG', async () => {
    const song = (await data('awesome_newsong', { size: 1 })).songs[0]
    const res = await fetch(song.album_img)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/jpeg')
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 2).toString('hex')).toBe('ffd8')
    expect((await fetch(`${sb.url}/kugou/cover/1.jpg`)).status).toBe(404)
  })
})

describe('the Kugou account on a device', () => {
  it('logs out one device: user_info then reports it at the music layer, VIP songs lose their link', async () => {
    const device = homeDevice(PRODUCT_IDS.camera)
    const info = await data('user_info', {}, device.deviceId)
    expect(info).toMatchObject({ is_login: 1 })
    expect(info.user_id).toMatch(/^\d{9}$/)
    expect(info.vip_type).toBeGreaterThan(0)
    const all = (await data('song_infos', { song_ids: (await data('awesome_everyday', { size: 50 })).songs.map((s: Json) => s.song_id) }, device.deviceId)).songs as Json[]
    const vip = all.find((s) => s.pay_type === 1)
    const free = all.find((s) => s.pay_type === 0)
    expect(vip && free).toBeTruthy()

    await data('user_logout', {}, device.deviceId)
    await data('user_logout', {}, device.deviceId)
    const after = await kugou('user_info', {}, device.deviceId)
    expect(errorCode(after)).toBeUndefined()
    expect(after.Response).toMatchObject({ Data: {}, ErrorCode: 20010 })
    expect(after.Response.ErrorMsg).not.toBe('')
    expect(await data('song_url', { song_id: vip!.song_id }, device.deviceId)).toMatchObject({ song_url: '', playable_code: 3, song_size: 0 })
    expect((await data('song_url', { song_id: free!.song_id }, device.deviceId)).song_url).toMatch(/\.mp3\?exp=/)
    expect((await data('song_infos', { song_ids: [vip!.song_id] }, device.deviceId)).songs[0].playable_code).toBe(3)

    // Other devices keep their account.
    expect((await data('user_info')).is_login).toBe(1)
    expect((await data('song_url', { song_id: vip!.song_id })).playable_code).toBe(0)
  })
})
