import { describe, expect, it, vi } from 'vitest'
import { electronUpdater, type AutoUpdaterLike } from '../../electron/main/updater'
import { FakeEmitter } from './fakes'

function fakeAutoUpdater(answer: { isUpdateAvailable: boolean; updateInfo: { version: string } } | null) {
  const emitter = new FakeEmitter()
  const fake = Object.assign(emitter, {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    allowPrerelease: false,
    allowDowngrade: true,
    channel: null as string | null,
    checkForUpdates: vi.fn(async () => answer),
    downloadUpdate: vi.fn(async () => {
      emitter.emit('download-progress', { percent: 40, transferred: 40, total: 100, bytesPerSecond: 9 })
      emitter.emit('download-progress', { percent: 100, transferred: 100, total: 100, bytesPerSecond: 9 })
      return ['/tmp/update.zip']
    }),
    quitAndInstall: vi.fn(),
    removeListener: (event: string, listener: (...args: unknown[]) => unknown) => emitter.off(event, listener),
  })
  return fake as typeof fake & AutoUpdaterLike
}

describe('electron updater adapter', () => {
  it('leaves downloading and installing to the core, and maps the channel to its feed file', async () => {
    const auto = fakeAutoUpdater({ isUpdateAvailable: true, updateInfo: { version: '2.0.0-beta.1' } })
    const port = electronUpdater(auto)
    expect([auto.autoDownload, auto.autoInstallOnAppQuit, auto.allowDowngrade]).toEqual([false, false, false])
    expect(await port.check('beta')).toEqual({ version: '2.0.0-beta.1' })
    expect([auto.channel, auto.allowPrerelease]).toEqual(['beta', true])
    await port.check('stable')
    expect([auto.channel, auto.allowPrerelease]).toEqual(['latest', false])
  })

  it('answers null when nothing newer is offered (or the build is not packaged)', async () => {
    expect(await electronUpdater(fakeAutoUpdater({ isUpdateAvailable: false, updateInfo: { version: '1.0.0' } })).check('stable')).toBeNull()
    expect(await electronUpdater(fakeAutoUpdater(null)).check('stable')).toBeNull()
  })

  it('reports download progress while downloading only, and installs silently, restarting the app', async () => {
    const auto = fakeAutoUpdater({ isUpdateAvailable: true, updateInfo: { version: '1.1.0' } })
    const port = electronUpdater(auto)
    const seen: number[] = []
    await port.download((p) => seen.push(p.percent))
    expect(seen).toEqual([40, 100])
    expect(auto.count('download-progress')).toBe(0)
    port.install()
    expect(auto.quitAndInstall).toHaveBeenCalledWith(true, true)
  })

  it('passes a failed check on to the core unchanged (it classifies it)', async () => {
    const auto = fakeAutoUpdater(null)
    auto.checkForUpdates.mockRejectedValueOnce(Object.assign(new Error('net::ERR_CONNECTION_REFUSED'), { code: 'ERR_CONNECTION_REFUSED' }))
    await expect(electronUpdater(auto).check('stable')).rejects.toThrow('net::ERR_CONNECTION_REFUSED')
  })
})
