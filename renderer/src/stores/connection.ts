import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ConnectionState } from '@shared/domain'
import { useDesk, type LinkState } from '@/bridge'

/**
 * Two links matter to the user: the cloud push connection (ConnectionState from main), and,
 * in browser mode, the page's own link to the local host. If the latter is down, the
 * former is unknown, so the indicator shows the host link first.
 */
export const useConnectionStore = defineStore('connection', () => {
  const state = ref<ConnectionState>({ status: 'idle' })
  const hostLink = ref<LinkState>('open')
  let started = false

  function start(): void {
    if (started) return
    started = true
    const desk = useDesk()
    hostLink.value = desk.link
    desk.on('connection.changed', (next) => {
      state.value = next
    })
    desk.onLink((link) => {
      hostLink.value = link
    })
  }

  return { state, hostLink, start }
})
