import { afterEach, describe, expect, it, vi } from 'vitest'
import { closeBeforeQuit } from '../../electron/main/quit'
import { FakeEmitter, fakeEvent } from './fakes'

function fakeApp() {
  const app = Object.assign(new FakeEmitter(), {
    quit: vi.fn(() => {
      const event = fakeEvent({})
      app.emit('will-quit', event)
      if (!event.defaultPrevented) app.exited = true
    }),
    exited: false,
  })
  return app
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('closeBeforeQuit', () => {
  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
  })

  it('holds the quit until the desk has closed, then quits', async () => {
    const app = fakeApp()
    let finish!: () => void
    const close = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)))
    closeBeforeQuit(app, close)

    app.quit()
    app.quit() // a second request while closing neither closes twice nor exits early
    await flush()
    expect(close).toHaveBeenCalledOnce()
    expect(app.exited).toBe(false)

    finish()
    await flush()
    expect(app.exited).toBe(true)
  })

  it('still quits when close fails', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const app = fakeApp()
    closeBeforeQuit(app, () => Promise.reject(new Error('disk gone')))
    app.quit()
    await flush()
    expect(app.exited).toBe(true)
  })

  it('still quits when close hangs', async () => {
    vi.useFakeTimers()
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const app = fakeApp()
    closeBeforeQuit(app, () => new Promise<void>(() => {}), 1000)
    app.quit()
    await vi.advanceTimersByTimeAsync(1000)
    expect(app.exited).toBe(true)
  })
})
