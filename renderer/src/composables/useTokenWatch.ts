/**
 * The Wi-Fi configuration token's life in the Add-device flow: create it, then ask the
 * cloud every few seconds whether the device has reported it, with a countdown to a clear
 * timeout. A network hiccup is asked again; a refusal (expired or unknown token) ends the
 * wait with the cloud's error. Retry starts over with a new token.
 */
import { onBeforeUnmount, ref } from 'vue'
import { useApi } from '@/api'
import { toBridgeError } from '@/bridge'

/** How long the device gets to connect and report the token (Tencent's apps wait about as long). */
export const TOKEN_WAIT_SECONDS = 180
export const TOKEN_POLL_MS = 1500

export type TokenPhase = 'idle' | 'creating' | 'waiting' | 'used' | 'timedOut' | 'failed'

/** Errors of the way, not of the token: worth asking again. */
const TRANSIENT = new Set(['network', 'timeout'])

export function useTokenWatch() {
  const api = useApi()
  const token = ref('')
  const phase = ref<TokenPhase>('idle')
  const secondsLeft = ref(0)
  const error = ref<unknown>(null)
  let deadline = 0
  let poller: ReturnType<typeof setTimeout> | undefined
  let ticker: ReturnType<typeof setInterval> | undefined
  let run = 0

  function stop(): void {
    clearTimeout(poller)
    clearInterval(ticker)
    poller = ticker = undefined
  }

  function tick(): boolean {
    secondsLeft.value = Math.max(0, Math.ceil((deadline - Date.now()) / 1000))
    if (secondsLeft.value > 0 || phase.value !== 'waiting') return false
    phase.value = 'timedOut'
    stop()
    return true
  }

  async function poll(mine: number): Promise<void> {
    if (mine !== run || phase.value !== 'waiting' || tick()) return
    try {
      const { state } = await api.binding.tokenState({ token: token.value })
      if (mine !== run || phase.value !== 'waiting') return
      if (state === 'used') {
        phase.value = 'used'
        stop()
        return
      }
    } catch (caught) {
      if (mine !== run) return
      if (!TRANSIENT.has(toBridgeError(caught).kind)) {
        error.value = caught
        phase.value = 'failed'
        stop()
        return
      }
    }
    poller = setTimeout(() => void poll(mine), TOKEN_POLL_MS)
  }

  /** A new token (the previous one is forgotten) and the wait for its device. */
  async function start(): Promise<void> {
    stop()
    const mine = ++run
    phase.value = 'creating'
    error.value = null
    token.value = ''
    try {
      const created = await api.binding.createToken({})
      if (mine !== run) return
      token.value = created.token
      phase.value = 'waiting'
      deadline = Date.now() + TOKEN_WAIT_SECONDS * 1000
      tick()
      ticker = setInterval(tick, 1000)
      poller = setTimeout(() => void poll(mine), TOKEN_POLL_MS)
    } catch (caught) {
      if (mine !== run) return
      error.value = caught
      phase.value = 'failed'
    }
  }

  /** Forgets the token (after binding with it, or leaving the step). */
  function reset(): void {
    stop()
    run++
    token.value = ''
    phase.value = 'idle'
    error.value = null
  }

  onBeforeUnmount(reset)
  return { token, phase, secondsLeft, error, start, reset }
}
