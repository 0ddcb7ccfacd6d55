/**
 * Conformance cases of media: Cloud Storage Service (a recording camera's storage) and
 * Music Service (AppKugouUserCommand, one case per KGCommand). The reference's
 * cloud-storage examples send Action AppDescribeTemplateBinding (docs/api-decisions.md §4.1); the cases
 * send the printed lotVideo… name (the sandbox also answers IotVideo…, see cloud-video.test.ts).
 * user_logout logs the Kugou account out of the camera only, so the other music cases
 * (on the light) keep a logged-in device.
 */
import { DEMO_ACCOUNT, type Device, type RunningSandbox } from '../../../electron/sandbox'
import type { Json } from '../helpers'
import type { ConformanceCase, ConformanceContext } from './types'

const INVALID = 'InvalidParameterValue'
const INVALID_PARAMETER = 'InvalidParameter'
const DEVICE_NOT_EXIST = 'ResourceNotFound.DeviceNotExist'

const recordingCameras = new WeakMap<RunningSandbox, Readonly<Device>>()

/**
 * A camera of the demo account with cloud recording on (record_enable 1): a camera whose
 * recording is off has, coherently, no cloud storage, and seed 1's home cameras are off.
 */
const camera = (ctx: ConformanceContext) => {
  let found = recordingCameras.get(ctx.sandbox)
  if (!found) {
    const world = ctx.sandbox.world
    const families = new Set(world.familiesOf(DEMO_ACCOUNT.userId).map((f) => f.family.familyId))
    found = [...world.devices.values()].find((d) =>
      families.has(d.familyId) && world.products.get(d.productId)?.kind === 'camera' && d.online && d.properties.get('record_enable')?.value === 1)
    if (!found) throw new Error('the demo account has no recording camera')
    recordingCameras.set(ctx.sandbox, found)
  }
  return { ProductId: found.productId, DeviceName: found.deviceName }
}

const light = (ctx: ConformanceContext) => {
  const d = ctx.device('light')
  return { ProductId: d.productId, DeviceName: d.deviceName }
}

const nowSec = (ctx: ConformanceContext) => Math.floor(ctx.sandbox.options.clock() / 1000)

/** The camera's most recent day with recordings and its timeline. */
async function lastDay(ctx: ConformanceContext): Promise<{ date: string; data: Json }> {
  const dates = (await ctx.ok('lotVideoDescribeCloudStorageDate', camera(ctx))).Data as string[]
  const date = dates[dates.length - 1]
  if (!date) throw new Error('the home camera has no recordings')
  const data = (await ctx.call('lotVideoDescribeCloudStorageTime', { ...camera(ctx), Date: date })).Response.Data as Json
  return { date, data }
}

async function someThumbnail(ctx: ConformanceContext): Promise<string> {
  const events = await ctx.ok('lotVideoDescribeCloudStorageEvents', { ...camera(ctx), StartTime: nowSec(ctx) - 7 * 86_400 })
  const thumbnail = (events.Events as Json[])[0]?.Thumbnail as string | undefined
  if (!thumbnail) throw new Error('the home camera has no events this week')
  return thumbnail
}

const CLOUD_STORAGE_CASES: ConformanceCase[] = [
  {
    action: 'lotVideoDescribeCloudStorageEvents',
    request: (ctx) => ({ ...camera(ctx), StartTime: nowSec(ctx) - 2 * 86_400, EndTime: 0, Size: 10 }),
    negative: { what: 'a Context this query never issued', request: (ctx) => ({ ...camera(ctx), Context: 'bm90LWEtY3Vyc29y' }), code: INVALID_PARAMETER },
  },
  {
    action: 'lotVideoDescribeCloudStorageThumbnail',
    request: async (ctx) => ({ ...camera(ctx), Thumbnail: await someThumbnail(ctx) }),
    negative: {
      what: 'a thumbnail of no event of the camera',
      request: (ctx) => ({ ...camera(ctx), Thumbnail: `/100000000001/${camera(ctx).ProductId}/${camera(ctx).DeviceName}/events/1.jpg` }),
      code: INVALID,
    },
  },
  {
    action: 'lotVideoDescribeCloudStorageDate',
    request: (ctx) => camera(ctx),
    negative: { what: 'a device that is not a camera', request: (ctx) => light(ctx), code: INVALID },
  },
  {
    action: 'lotVideoDescribeCloudStorageTime',
    request: async (ctx) => ({ ...camera(ctx), Date: (await lastDay(ctx)).date }),
    negative: { what: 'a Date that is not YYYY-MM-DD', request: (ctx) => ({ ...camera(ctx), Date: '2021-1-14' }), code: INVALID_PARAMETER },
  },
  {
    action: 'lotVideoGenerateSignedVideoURL',
    request: async (ctx) => ({ ...camera(ctx), VideoURL: (await lastDay(ctx)).data.VideoURL, ExpireTime: nowSec(ctx) + 3600 }),
    negative: {
      what: "the example's ExpireTime, long past",
      request: async (ctx) => ({ ...camera(ctx), VideoURL: (await lastDay(ctx)).data.VideoURL, ExpireTime: 1619331648 }),
      code: INVALID,
    },
  },
  {
    action: 'lotVideoDescribeCloudStorageStreamData',
    request: async (ctx) => ({ ...camera(ctx), StartTime: ((await lastDay(ctx)).data.TimeList as Json[])[0]?.StartTime }),
    negative: { what: 'a StartTime after every recording', request: (ctx) => ({ ...camera(ctx), StartTime: nowSec(ctx) + 3600 }), code: INVALID },
  },
]

const kugou = (ctx: ConformanceContext, command: string, params: Record<string, unknown>, kind = 'light') => ({
  DeviceId: ctx.device(kind).deviceId,
  KGCommand: command,
  KugouParams: params,
})

async function firstPlaylistId(ctx: ConformanceContext): Promise<string> {
  const data = (await ctx.ok('AppKugouUserCommand', kugou(ctx, 'playlist_awesome', {}))).Data as Json
  return data.playlists[0].playlist_id as string
}

async function someSongId(ctx: ConformanceContext): Promise<string> {
  const data = (await ctx.ok('AppKugouUserCommand', kugou(ctx, 'awesome_newsong', { size: 1 }))).Data as Json
  return data.songs[0].song_id as string
}

const MUSIC_CASES: ConformanceCase[] = [
  {
    action: 'AppKugouUserCommand',
    subcommand: 'playlist_song',
    request: async (ctx) => kugou(ctx, 'playlist_song', { playlist_id: await firstPlaylistId(ctx), page: 1, size: 10 }),
    negative: { what: 'an unknown playlist', request: (ctx) => kugou(ctx, 'playlist_song', { playlist_id: '1' }), code: INVALID },
  },
  {
    action: 'AppKugouUserCommand',
    subcommand: 'song_url',
    request: async (ctx) => kugou(ctx, 'song_url', { song_id: await someSongId(ctx) }),
    negative: { what: 'an unknown song', request: (ctx) => kugou(ctx, 'song_url', { song_id: '1' }), code: INVALID },
  },
  {
    action: 'AppKugouUserCommand',
    subcommand: 'awesome_everyday',
    request: (ctx) => kugou(ctx, 'awesome_everyday', {}),
    negative: { what: 'a page size over 50', request: (ctx) => kugou(ctx, 'awesome_everyday', { size: 51 }), code: INVALID },
  },
  {
    action: 'AppKugouUserCommand',
    subcommand: 'song_infos',
    request: async (ctx) => kugou(ctx, 'song_infos', { song_ids: [await someSongId(ctx)] }),
    negative: { what: 'an unknown song among the ids', request: (ctx) => kugou(ctx, 'song_infos', { song_ids: ['1'] }), code: INVALID },
  },
  {
    action: 'AppKugouUserCommand',
    subcommand: 'playlist_awesome',
    request: (ctx) => kugou(ctx, 'playlist_awesome', { page: 1, size: 5 }),
    negative: { what: 'page 0', request: (ctx) => kugou(ctx, 'playlist_awesome', { page: 0 }), code: INVALID },
  },
  {
    action: 'AppKugouUserCommand',
    subcommand: 'awesome_newsong',
    request: (ctx) => kugou(ctx, 'awesome_newsong', {}),
    negative: {
      what: 'a device that does not exist',
      request: (ctx) => ({ ...kugou(ctx, 'awesome_newsong', {}), DeviceId: `${camera(ctx).ProductId}/no_such_device` }),
      code: DEVICE_NOT_EXIST,
    },
  },
  {
    action: 'AppKugouUserCommand',
    subcommand: 'user_logout',
    request: (ctx) => kugou(ctx, 'user_logout', {}, 'camera'),
    negative: {
      what: 'a device that does not exist',
      request: (ctx) => ({ ...kugou(ctx, 'user_logout', {}, 'camera'), DeviceId: `${camera(ctx).ProductId}/no_such_device` }),
      code: DEVICE_NOT_EXIST,
    },
  },
  {
    action: 'AppKugouUserCommand',
    subcommand: 'user_info',
    request: (ctx) => kugou(ctx, 'user_info', {}),
    negative: { what: 'a KGCommand the service does not have', request: (ctx) => ({ ...kugou(ctx, 'user_info', {}), KGCommand: 'user_login' }), code: INVALID },
  },
]

export const MEDIA_CASES: ConformanceCase[] = [...CLOUD_STORAGE_CASES, ...MUSIC_CASES]
