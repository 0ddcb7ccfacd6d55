import { describe, expect, it, vi } from 'vitest'
import { claimSingleInstance } from '../../electron/main/single-instance'
import { FakeEmitter } from './fakes'

function fakeApp(gotLock: boolean) {
  return Object.assign(new FakeEmitter(), { requestSingleInstanceLock: () => gotLock, quit: vi.fn() })
}

describe('claimSingleInstance', () => {
  it('keeps the first instance and focuses it when a second one starts', () => {
    const app = fakeApp(true)
    const focus = vi.fn()

    expect(claimSingleInstance(app, focus)).toBe(true)
    app.emit('second-instance', {}, ['explorer-desk'], '/home/user')

    expect(focus).toHaveBeenCalledOnce()
    expect(app.quit).not.toHaveBeenCalled()
  })

  it('quits a second instance', () => {
    const app = fakeApp(false)
    expect(claimSingleInstance(app, vi.fn())).toBe(false)
    expect(app.quit).toHaveBeenCalledOnce()
    expect(app.count('second-instance')).toBe(0)
  })
})
