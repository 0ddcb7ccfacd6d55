import { ref, shallowRef } from 'vue'
import type { KugouAccount, KugouRefusal, Playlist, Song, SongLink } from '@shared/contracts/music'
import { useApi } from '@/api'

export type MusicList = 'daily' | 'newSongs' | 'playlists'
export const MUSIC_PAGE_SIZE = 20

/** A call's answer or error, with its loading flag, for one part of the music panel. */
function loader<T>() {
  const value = shallowRef<T | null>(null)
  const error = shallowRef<unknown>(null)
  const loading = ref(false)
  async function run(fetch: () => Promise<T>): Promise<void> {
    loading.value = true
    error.value = null
    try {
      value.value = await fetch()
    } catch (caught) {
      value.value = null
      error.value = caught
    } finally {
      loading.value = false
    }
  }
  return { value, error, loading, run }
}

/** The music panel's state for one speaker: account, one list at a time, one song opened. */
export function useMusic(deviceId: () => string) {
  const api = useApi()
  const account = loader<{ account: KugouAccount | null; refusal: KugouRefusal | null; requestId: string }>()
  const songs = loader<{ songs: Song[]; total: number; page: number; title: string }>()
  const playlists = loader<{ playlists: Playlist[]; total: number; page: number }>()
  const song = loader<{ info: Song | null; link: SongLink }>()
  const list = ref<MusicList>('daily')
  const playlist = shallowRef<Playlist | null>(null)

  const loadAccount = () => account.run(() => api.music.account({ deviceId: deviceId() }))

  async function logout(): Promise<string> {
    const { requestId } = await api.music.logout({ deviceId: deviceId() })
    await loadAccount()
    return requestId
  }

  function loadSongs(page = 1): Promise<void> {
    const args = { deviceId: deviceId(), page, size: MUSIC_PAGE_SIZE }
    const open = playlist.value
    if (open) return songs.run(async () => ({ ...(await api.music.playlistSongs({ ...args, playlistId: open.playlistId })), title: open.name }))
    if (list.value === 'newSongs') return songs.run(async () => ({ ...(await api.music.newSongs(args)), title: '' }))
    return songs.run(async () => {
      const daily = await api.music.daily(args)
      return { ...daily, title: daily.date }
    })
  }

  const loadPlaylists = (page = 1) => playlists.run(() => api.music.playlists({ deviceId: deviceId(), page, size: MUSIC_PAGE_SIZE }))

  function show(next: MusicList): Promise<void> {
    list.value = next
    playlist.value = null
    song.value.value = null
    return next === 'playlists' ? loadPlaylists() : loadSongs()
  }

  function openPlaylist(p: Playlist | null): Promise<void> {
    playlist.value = p
    return p ? loadSongs() : loadPlaylists(playlists.value.value?.page ?? 1)
  }

  /** Details and the playback link of one song (song_infos and song_url). */
  const openSong = (songId: string) =>
    song.run(async () => {
      const [infos, link] = await Promise.all([api.music.songs({ deviceId: deviceId(), songIds: [songId] }), api.music.songUrl({ deviceId: deviceId(), songId })])
      return { info: infos.songs[0] ?? null, link }
    })

  return { account, songs, playlists, song, list, playlist, loadAccount, logout, show, loadSongs, loadPlaylists, openPlaylist, openSong }
}
