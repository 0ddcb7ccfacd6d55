// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { DeviceEvent } from '@shared/live'
import type { RolloutDevice } from '@shared/rollout'
import { setDeskClient } from '@/bridge'
import { useFirmwareStore } from '@/stores/firmware'
import { fakeDesk, type FakeDesk } from './fake-desk'
import { rolloutSummary } from './fixtures'

const LIGHT = 'LGT/light_1'
const CAMERA = 'CAM/cam_1'
let desk: FakeDesk
let cloud: Map<string, string>

beforeEach(() => {
  vi.useFakeTimers()
  cloud = new Map([
    [LIGHT, '1.2.0'],
    [CAMERA, '3.10.1'],
  ])
  desk = fakeDesk({ 'ota.versions': ({ deviceIds }) => deviceIds.map((deviceId) => ({ deviceId, version: cloud.get(deviceId) ?? '', error: '' })) })
  setDeskClient(desk)
  setActivePinia(createPinia())
})
afterEach(() => {
  vi.useRealTimers()
})

const settle = async () => {
  await vi.advanceTimersByTimeAsync(500)
}

const ota = (deviceId: string, status: number): DeviceEvent => ({ deviceId, seq: 1, time: '', receivedAtMs: 1, kind: 'ota', status, percent: 100, version: '1.10.0' })

function rolloutDevice(partial: Partial<RolloutDevice>): RolloutDevice {
  return {
    deviceId: LIGHT, productId: 'LGT', productName: 'Smart Light', aliasName: '', familyName: '', roomName: '', wave: 0,
    fromVersion: '1.2.0', targetVersion: '1.10.0', finalVersion: '', state: 'upgrading', reason: '', detail: '', attempt: 1, publishes: 1,
    requestId: '', otaStatus: 4, otaStatusText: '', percent: 90, publishedMs: 1, finishedMs: null, ...partial,
  }
}

describe('firmware store: one version per device for every page', () => {
  it("reads a device's version from the cloud's firmware check", async () => {
    const firmware = useFirmwareStore()
    await firmware.load(LIGHT)
    expect(firmware.versionOf(LIGHT)).toBe('1.2.0')
    expect(desk.calls).toEqual([{ command: 'ota.versions', args: { deviceIds: [LIGHT] } }])
  })

  it('takes the version a rollout device reported when it ends done', async () => {
    const firmware = useFirmwareStore()
    await firmware.load(LIGHT)
    desk.emit('rollout.progress', [{ summary: rolloutSummary(), waves: [], devices: [rolloutDevice({ state: 'done', finalVersion: '1.10.0' })] }])
    expect(firmware.versionOf(LIGHT)).toBe('1.10.0')
  })

  it("asks the cloud again, in one command, when devices' own OTA pushes say an upgrade ended", async () => {
    const firmware = useFirmwareStore()
    await firmware.load(LIGHT)
    await firmware.load(CAMERA)
    desk.calls.length = 0
    cloud.set(LIGHT, '1.10.0')
    desk.emit('device.events', [ota(LIGHT, 4)])
    await settle()
    expect(desk.calls).toEqual([])

    desk.emit('device.events', [ota(LIGHT, 6), ota(CAMERA, 5), ota('OTHER/not_shown', 6)])
    await settle()
    expect(desk.calls).toEqual([{ command: 'ota.versions', args: { deviceIds: [LIGHT, CAMERA] } }])
    expect(firmware.versionOf(LIGHT)).toBe('1.10.0')
    expect(firmware.versionOf(CAMERA)).toBe('3.10.1')
  })
})
