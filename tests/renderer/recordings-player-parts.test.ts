import { describe, expect, it } from 'vitest'
import { problemOfHttp } from '@/composables/recordings/playback-errors'
import { resignLeadMs } from '@/composables/recordings/useRecordingPlayer'
import { isCamera } from '@/utils/recordings/camera'
import { freshSegmentUrls, withoutQuery } from '@/utils/recordings/signed-playlist'
import type { ThingModel } from '@shared/thing-model'

const emptyModel = (ids: string[] = []): ThingModel =>
  ({ properties: ids.map((id) => ({ id, name: id, desc: '', mode: 'rw', spec: { type: 'bool', mapping: {}, unit: '' } })), events: [], actions: [] }) as unknown as ThingModel

describe('re-signed playlists', () => {
  const playlist = [
    '#EXTM3U',
    '#EXT-X-TARGETDURATION:4',
    '#EXTINF:4.000,',
    'v/1000.ts?exp=200&sign=aa',
    '#EXT-X-DISCONTINUITY',
    '#EXTINF:4.000,',
    'https://cdn.test/other/v/2000.ts?exp=200&sign=bb',
    '#EXT-X-ENDLIST',
  ].join('\n')

  it('maps each segment (without its signature) to its fresh URL, relative ones resolved against the playlist', () => {
    const map = freshSegmentUrls(playlist, 'http://cloud.test/timeshift/P/cam/1000-2004.m3u8?exp=200&sign=zz')
    expect([...map.entries()]).toEqual([
      ['http://cloud.test/timeshift/P/cam/v/1000.ts', 'http://cloud.test/timeshift/P/cam/v/1000.ts?exp=200&sign=aa'],
      ['https://cdn.test/other/v/2000.ts', 'https://cdn.test/other/v/2000.ts?exp=200&sign=bb'],
    ])
    // What hls.js asks for with the old signature finds the new URL.
    expect(map.get(withoutQuery('http://cloud.test/timeshift/P/cam/v/1000.ts?exp=100&sign=old'))).toContain('sign=aa')
  })

  it('re-signs a quarter of the lifetime ahead, at least 2 s and at most a minute', () => {
    expect(resignLeadMs(8000)).toBe(2000)
    expect(resignLeadMs(100_000)).toBe(25_000)
    expect(resignLeadMs(600_000)).toBe(60_000)
  })
})

describe('why playback stopped', () => {
  it('tells an expired link from a refused one, a missing recording and a network failure', () => {
    expect(problemOfHttp(403, '<Error><Code>AccessDenied</Code><Message>Request has expired.</Message></Error>')).toBe('expired')
    expect(problemOfHttp(403, '<Error><Code>SignatureDoesNotMatch</Code></Error>')).toBe('refused')
    expect(problemOfHttp(404, '')).toBe('missing')
    expect(problemOfHttp(0, undefined)).toBe('network')
    expect(problemOfHttp(undefined, undefined)).toBe('network')
    expect(problemOfHttp(503, 'busy')).toBe('network')
  })
})

describe('recognising a camera', () => {
  it('by its category or by a recording switch in its thing model', () => {
    expect(isCamera({ categoryId: 590, thingModel: emptyModel() })).toBe(true)
    expect(isCamera({ categoryId: 1, thingModel: emptyModel(['record_enable']) })).toBe(true)
    expect(isCamera({ categoryId: 141, thingModel: emptyModel(['power_switch', 'brightness']) })).toBe(false)
  })
})
