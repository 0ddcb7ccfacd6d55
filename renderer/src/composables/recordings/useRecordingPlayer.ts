/**
 * The recordings player: hls.js on a <video>, fed signed links from the main process.
 * - re-signs before the link expires and swaps the segment URLs in place (no restart);
 * - recovers alone: media errors (recoverMediaError, then once with swapAudioCodec), network
 *   errors (startLoad with backoff, re-signing on 403), stalls (a watchdog restarts loading);
 * - releases the stream (hls.destroy, media detached) on release() and while the document is
 *   hidden, and comes back paused where it was.
 */
import Hls, { ErrorTypes, Events, type ErrorData } from 'hls.js'
import { onBeforeUnmount, ref, shallowRef, type Ref } from 'vue'
import type { SignedVideoUrl } from '@shared/video'
import { backoffDelay } from '@shared/retry'
import { freshSegmentUrls } from '@/utils/recordings/signed-playlist'
import type { RecordingSource } from '@/utils/recordings/sources'
import { offsetAt, timeAtOffset } from '@/utils/recordings/timeline'
import { problemOfHttp, type PlaybackProblem } from './playback-errors'
import { resigningLoader } from './resigning-loader'

export type PlayerStatus = 'idle' | 'loading' | 'playing' | 'paused' | 'buffering' | 'ended' | 'error'

export interface PlayerDeps {
  video: Ref<HTMLVideoElement | null>
  sign(videoUrl: string): Promise<SignedVideoUrl>
  now?: () => number
}

const MAX_NETWORK_RETRIES = 3
/** Network reloads wait 0.5 s, 1 s, 2 s: no jitter, one viewer reloads one stream. */
const RELOAD_BACKOFF = { baseMs: 500, capMs: 2_000 }
const STALL_MS = 6000
const MEDIA_RECOVERY_WINDOW_MS = 10_000

/** The longest delay setTimeout keeps (2^31 - 1 ms, 24.8 days). */
const LONGEST_TIMER_MS = 2 ** 31 - 1

/** Re-sign this long before expiry: a quarter of the link's life, 2 s to 60 s. */
export function resignLeadMs(lifetimeMs: number): number {
  return Math.min(60_000, Math.max(2000, lifetimeMs / 4))
}

export function useRecordingPlayer(deps: PlayerDeps) {
  const now = deps.now ?? Date.now
  const status = ref<PlayerStatus>('idle')
  const problem = ref<PlaybackProblem | null>(null)
  /** The bridge error when signing itself failed (code, message, RequestId). */
  const signError = shallowRef<unknown>(null)
  const source = shallowRef<RecordingSource | null>(null)
  /** The moment on screen, Unix seconds. */
  const wallTime = ref<number | null>(null)
  const rate = ref(1)
  const resigns = ref(0)

  let hls: Hls | null = null
  let segments: ReadonlyMap<string, string> = new Map()
  let signed: SignedVideoUrl | null = null
  let resignTimer: ReturnType<typeof setTimeout> | undefined
  let stallTimer: ReturnType<typeof setTimeout> | undefined
  let networkRetries = 0
  let mediaRecoveries: number[] = []
  let generation = 0
  let resigning: Promise<boolean> | null = null
  let hidden: { source: RecordingSource; at: number } | null = null

  function video(): HTMLVideoElement | null {
    return deps.video.value
  }

  /** Plays `src` from the moment `at` (Unix seconds); seeks in place when it is already loaded. */
  async function open(src: RecordingSource, at: number, autoplay = true): Promise<void> {
    const el = video()
    if (!el) return
    if (hls && source.value === src && status.value !== 'error') {
      el.currentTime = offsetAt(src.spans, at)
      wallTime.value = at
      if (autoplay) void el.play().catch(() => {})
      return
    }
    release()
    const mine = ++generation
    source.value = src
    wallTime.value = at
    if (!Hls.isSupported()) return fail('unsupported')
    status.value = 'loading'
    problem.value = null
    signError.value = null
    try {
      signed = await deps.sign(src.videoUrl)
    } catch (error) {
      if (mine !== generation) return
      signError.value = error
      return fail('refused')
    }
    if (mine !== generation) return
    segments = new Map()
    start(el, offsetAt(src.spans, at), autoplay)
  }

  function start(el: HTMLVideoElement, offset: number, autoplay: boolean): void {
    if (!signed) return
    const instance = new Hls({ startPosition: offset, maxBufferLength: 10, maxMaxBufferLength: 20, fLoader: resigningLoader(() => segments) })
    hls = instance
    instance.on(Events.ERROR, (_event, data) => onError(instance, data))
    instance.on(Events.MANIFEST_PARSED, () => {
      el.playbackRate = rate.value
      if (autoplay) void el.play().catch(() => {})
      else status.value = 'paused'
    })
    instance.on(Events.FRAG_LOADED, () => {
      networkRetries = 0
    })
    attachElement(el)
    instance.attachMedia(el)
    instance.loadSource(signed.url)
    scheduleResign()
  }

  function scheduleResign(): void {
    clearTimeout(resignTimer)
    if (!signed) return
    const lifetime = signed.expireTime * 1000 - now()
    const wait = Math.max(0, lifetime - resignLeadMs(lifetime))
    // A longer wait than a timer holds would fire at once: wait the longest, then look again.
    resignTimer = setTimeout(() => void (wait > LONGEST_TIMER_MS ? scheduleResign() : resign()), Math.min(wait, LONGEST_TIMER_MS))
  }

  /** A fresh link for the same recording; later segment requests use it. */
  function resign(): Promise<boolean> {
    resigning ??= (async () => {
      const src = source.value
      const mine = generation
      try {
        const next = await deps.sign(src?.videoUrl ?? '')
        const text = await (await fetch(next.url)).text()
        if (mine !== generation) return false
        signed = next
        segments = freshSegmentUrls(text, next.url)
        resigns.value++
        scheduleResign()
        return true
      } catch (error) {
        if (mine === generation) signError.value = error
        return false
      } finally {
        resigning = null
      }
    })()
    return resigning
  }

  function onError(instance: Hls, data: ErrorData): void {
    if (instance !== hls) return
    const http = data.response?.code
    if (data.type === ErrorTypes.NETWORK_ERROR && http === 403 && data.details !== 'manifestLoadError') {
      // A link that expired under us (a sleeping machine): re-sign and go on from here.
      void resign().then((ok) => (ok ? instance.startLoad(video()?.currentTime ?? -1) : fail(problemOf(data))))
      return
    }
    if (!data.fatal) return
    if (data.type === ErrorTypes.MEDIA_ERROR) return recoverMedia(instance)
    if (data.type === ErrorTypes.NETWORK_ERROR) {
      if (!http && networkRetries < MAX_NETWORK_RETRIES) {
        const wait = backoffDelay(networkRetries++, RELOAD_BACKOFF)
        setTimeout(() => instance === hls && reload(instance), wait)
        return
      }
      return fail(problemOf(data))
    }
    fail('media')
  }

  /** A refusal past the link's expiry, or one whose body says so, is an expired link. */
  function problemOf(data: ErrorData): PlaybackProblem {
    let body: unknown
    try {
      body = (data.networkDetails as { responseText?: unknown } | undefined)?.responseText
    } catch {
      body = undefined // responseText throws for binary responses (segments)
    }
    const found = problemOfHttp(data.response?.code, body)
    return found === 'refused' && signed && now() >= signed.expireTime * 1000 ? 'expired' : found
  }

  /** After a network failure: the playlist again if it never arrived, else loading from here. */
  function reload(instance: Hls): void {
    if (instance.levels.length === 0 && signed) instance.loadSource(signed.url)
    else instance.startLoad(video()?.currentTime ?? -1)
  }

  function recoverMedia(instance: Hls): void {
    const t = now()
    mediaRecoveries = mediaRecoveries.filter((at) => t - at < MEDIA_RECOVERY_WINDOW_MS)
    mediaRecoveries.push(t)
    if (mediaRecoveries.length > 2) return fail('media')
    if (mediaRecoveries.length === 2) instance.swapAudioCodec()
    instance.recoverMediaError()
  }

  function fail(reason: PlaybackProblem): void {
    const at = wallTime.value
    teardown()
    wallTime.value = at
    problem.value = reason
    status.value = 'error'
  }

  // ---- the <video> element's own events ----
  let attached: HTMLVideoElement | null = null
  const listeners: Record<string, () => void> = {
    timeupdate: () => {
      const el = attached
      const spans = source.value?.spans
      if (!el || !spans) return
      const t = timeAtOffset(spans, el.currentTime)
      if (t !== undefined) wallTime.value = t
    },
    playing: () => {
      clearTimeout(stallTimer)
      status.value = 'playing'
    },
    pause: () => {
      if (status.value !== 'error' && status.value !== 'ended') status.value = 'paused'
    },
    waiting: () => {
      status.value = 'buffering'
      watchStall()
    },
    ended: () => {
      status.value = 'ended'
    },
  }

  /** Still stuck after STALL_MS: restart loading where we are and nudge past a hole. */
  function watchStall(): void {
    clearTimeout(stallTimer)
    const el = attached
    const from = el?.currentTime ?? 0
    stallTimer = setTimeout(() => {
      if (!hls || !el || el.paused || el.currentTime !== from) return
      hls.startLoad(from)
      el.currentTime = from + 0.1
    }, STALL_MS)
  }

  function attachElement(el: HTMLVideoElement): void {
    attached = el
    for (const [name, listener] of Object.entries(listeners)) el.addEventListener(name, listener)
  }

  function detachElement(): void {
    const el = attached
    if (!el) return
    for (const [name, listener] of Object.entries(listeners)) el.removeEventListener(name, listener)
    attached = null
  }

  function teardown(): void {
    generation++
    clearTimeout(resignTimer)
    clearTimeout(stallTimer)
    const el = attached
    detachElement()
    if (hls) {
      hls.detachMedia()
      hls.destroy()
      hls = null
    }
    if (el) {
      el.removeAttribute('src')
      el.load()
    }
    signed = null
    segments = new Map()
    networkRetries = 0
    mediaRecoveries = []
  }

  /** Stops and frees everything; the player is idle afterwards. */
  function release(): void {
    teardown()
    status.value = 'idle'
  }

  function togglePlay(): void {
    const el = attached
    if (!el) {
      if (source.value && wallTime.value !== null) void open(source.value, wallTime.value)
      return
    }
    if (el.paused) void el.play().catch(() => {})
    else el.pause()
  }

  function setRate(value: number): void {
    rate.value = value
    if (attached) attached.playbackRate = value
  }

  // The stream is let go while nobody can see it, and picked up (paused) on return.
  function onVisibility(): void {
    if (document.visibilityState === 'hidden') {
      if (hls && source.value && wallTime.value !== null) {
        hidden = { source: source.value, at: wallTime.value }
        release()
      }
    } else if (hidden) {
      const back = hidden
      hidden = null
      void open(back.source, back.at, false)
    }
  }
  function onPolicyViolation(event: SecurityPolicyViolationEvent): void {
    if (hls && /^(media|connect)-src/.test(event.effectiveDirective)) fail('policy')
  }
  document.addEventListener('visibilitychange', onVisibility)
  document.addEventListener('securitypolicyviolation', onPolicyViolation)
  onBeforeUnmount(() => {
    document.removeEventListener('visibilitychange', onVisibility)
    document.removeEventListener('securitypolicyviolation', onPolicyViolation)
    release()
  })

  return { status, problem, signError, source, wallTime, rate, resigns, open, release, togglePlay, setRate, resign }
}
