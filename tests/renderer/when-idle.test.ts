import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { whenIdle } from '@/utils/when-idle'

// The browser's frame and idle callbacks, run by hand: the order is what matters.
let frames: FrameRequestCallback[] = []
let idles: IdleRequestCallback[] = []
beforeEach(() => {
  vi.useFakeTimers()
  frames = []
  idles = []
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb))
  vi.stubGlobal('cancelAnimationFrame', (id: number) => (frames[id - 1] = () => {}))
  vi.stubGlobal('requestIdleCallback', (cb: IdleRequestCallback) => idles.push(cb))
  vi.stubGlobal('cancelIdleCallback', (id: number) => (idles[id - 1] = () => {}))
})
afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})
const idleNow = () => idles.splice(0).forEach((cb) => cb({ didTimeout: false, timeRemaining: () => 10 }))
const frameNow = () => frames.splice(0).forEach((cb) => cb(performance.now()))

describe('work left for when the page is idle', () => {
  it('waits for the next frame to be drawn before asking for idle time', () => {
    const work = vi.fn()
    whenIdle(work)
    idleNow() // idle time before the frame that shows the user's change: not used
    expect(work).not.toHaveBeenCalled()
    frameNow()
    idleNow()
    expect(work).not.toHaveBeenCalled() // the frame's callbacks ran, it is not drawn yet
    vi.advanceTimersByTime(0)
    idleNow()
    expect(work).toHaveBeenCalledTimes(1)
  })

  it('runs at its latest time when no frame or idle time comes (a hidden window), once', () => {
    const work = vi.fn()
    whenIdle(work, 250)
    vi.advanceTimersByTime(250)
    expect(work).toHaveBeenCalledTimes(1)
    frameNow()
    vi.advanceTimersByTime(0)
    idleNow()
    expect(work).toHaveBeenCalledTimes(1)
  })

  it('does nothing once cancelled', () => {
    const work = vi.fn()
    const cancel = whenIdle(work, 250)
    frameNow()
    vi.advanceTimersByTime(0)
    cancel()
    idleNow()
    vi.advanceTimersByTime(1_000)
    expect(work).not.toHaveBeenCalled()
  })
})
