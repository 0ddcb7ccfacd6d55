// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import type { Song } from '@shared/contracts/music'
import MusicPanel from '@/components/device/music/MusicPanel.vue'
import { fail, fakeDesk, type Handlers } from './fake-desk'
import { Blank, mountWithApp } from './mount-app'

const song = (id: string, vipOnly = false): Song => ({
  songId: id, name: `Song ${id}`, singerId: 's', singer: 'Nova Chen', albumId: 'a', album: 'Quiet Tide', albumImage: '', duration: 185,
  language: 'English', publishDate: '2026-11-30', vipOnly, playable: !vipOnly, playableCode: vipOnly ? 3 : 0,
})
const page = { page: 1, size: 20, total: 2, requestId: 'rq-p' }
const handlers: Handlers = {
  'music.account': () => ({ account: null, refusal: { code: 20010, message: 'No Kugou account is logged in on this device.' }, requestId: 'rq-acc' }),
  'music.daily': () => ({ date: '2026-12-03', songs: [song('1'), song('2', true)], ...page }),
  'music.songs': ({ songIds }) => ({ songs: songIds.map((id) => song(id, id === '2')), requestId: 'rq-s' }),
  'music.songUrl': ({ songId }) => ({
    songId, name: `Song ${songId}`, singer: 'Nova Chen', url: '', size: 0, duration: 185, bitrate: 32, format: 'mp3', expireTime: 0, playable: false, playableCode: 3, requestId: 'rq-url',
  }),
  'music.playlists': () => ({ playlists: [{ playlistId: 'p1', name: 'Deep Focus', intro: 'Calm', picture: '', songCount: 9, playCount: 10 }], page: 1, size: 20, total: 1, requestId: 'rq-pl' }),
  'music.playlistSongs': ({ playlistId }) => ({ playlistId, playlistName: 'Deep Focus', songs: [song('7')], page: 1, size: 20, total: 1, requestId: 'rq-ps' }),
  'music.newSongs': () => fail({ kind: 'api', code: 'Kugou.20011', message: 'The new-songs chart is not available in your region.', requestId: 'rq-new' }),
}

let mounted: VueWrapper | null = null
afterEach(() => {
  mounted?.unmount()
  mounted = null
  document.body.innerHTML = ''
})

async function mountPanel() {
  const desk = fakeDesk(handlers)
  const Host = { components: { MusicPanel }, template: '<MusicPanel device-id="SPK01/speaker_1" device-label="Kitchen speaker" />' }
  const result = await mountWithApp(Host, { desk, path: '/', routes: [{ path: '/', component: Blank }] })
  mounted = result.wrapper
  await flushPromises()
  return { desk, wrapper: result.wrapper }
}

describe('music panel of a speaker', { timeout: 20_000 }, () => {
  it("shows the account's refusal in the service's words, and today's picks with what needs VIP", async () => {
    const { wrapper } = await mountPanel()
    const refusal = wrapper.get('[data-testid="music-refusal"]').text()
    expect(refusal).toContain('No Kugou account is logged in on this device.')
    expect(refusal).toContain('20010')
    expect(wrapper.findAll('[data-testid="music-song"]').map((s) => s.attributes('data-song-id'))).toEqual(['1', '2'])
    expect(wrapper.findAll('[data-testid="music-not-playable"]')).toHaveLength(1)
    expect(wrapper.text()).toContain('2026-12-03')
  })

  it("opens a song's details and says plainly why there is no link", async () => {
    const { wrapper, desk } = await mountPanel()
    await wrapper.findAll('[data-testid="music-song"]')[1]!.trigger('click')
    await flushPromises()
    expect(desk.calls.find((c) => c.command === 'music.songs')?.args).toEqual({ deviceId: 'SPK01/speaker_1', songIds: ['2'] })
    expect(wrapper.get('[data-testid="music-song-detail"]').text()).toContain('Quiet Tide')
    expect(wrapper.get('[data-testid="music-song-blocked"]').text()).toContain('cannot play it (playable_code 3)')
  })

  it("lists playlists and a playlist's songs, and shows a list's refusal with its RequestId", async () => {
    const { wrapper } = await mountPanel()
    await wrapper.get('[data-testid="music-list-playlists"] input').setValue(true)
    await flushPromises()
    await wrapper.get('[data-testid="music-playlist"]').trigger('click')
    await flushPromises()
    expect(wrapper.findAll('[data-testid="music-song"]').map((s) => s.attributes('data-song-id'))).toEqual(['7'])
    expect(wrapper.text()).toContain('Deep Focus')

    await wrapper.get('[data-testid="music-list-newSongs"] input').setValue(true)
    await flushPromises()
    expect(wrapper.text()).toContain('The new-songs chart is not available in your region.')
    expect(wrapper.text()).toContain('rq-new')
  })
})
