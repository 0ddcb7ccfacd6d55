/**
 * Firmware and upgrades: version order, the status walk with its pushes, failures (forced,
 * by rate, and the device that says done on its old version), refusals, the publish
 * record, device reports, firmware images and their MD5.
 */
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT, NEIGHBOUR_ACCOUNT, PRODUCT_IDS, type Device, type RunningSandbox } from '../../electron/sandbox'
import { compareVersions } from '../../shared/firmware/version'
import { errorCode, signIn, tokenapi, withSandbox, type Json } from './helpers'
import { WsTestClient, type PushMessage } from './ws-client'

const OTA_MS = 300
let sb: RunningSandbox
let token: string
let ws: WsTestClient

beforeAll(async () => {
  sb = await withSandbox({ seed: 5, devices: 60, simulate: false, otaDurationMs: OTA_MS })
  token = await signIn(sb)
  ws = await WsTestClient.connect(sb.wsUrl)
  const ids = homeDevices(sb).map((d) => d.deviceId)
  expect((await ws.activePush(token, ids)).error).toBe('')
})
afterAll(async () => {
  ws.close()
  await sb.close()
})

function homeDevices(s: RunningSandbox): Device[] {
  const home = s.world.familiesOf(DEMO_ACCOUNT.userId)[0]!.family
  return s.world.devicesIn(home.familyId) as Device[]
}

/** Online lights of the home, a different one per test. */
const lights = () => homeDevices(sb).filter((d) => d.productId === PRODUCT_IDS.light && d.online)
let nextLight = 0
const freshLight = () => {
  const light = lights()[nextLight++]
  if (!light) throw new Error('out of online lights')
  return light
}

const call = async (action: string, device: Device, extra: Json = {}) =>
  tokenapi(sb, token, action, { ProductId: device.productId, DeviceName: device.deviceName, ...extra })
const ok = async (action: string, device: Device, extra: Json = {}) => {
  const body = await call(action, device, extra)
  if (errorCode(body)) throw new Error(`${action}: ${JSON.stringify(body)}`)
  return body.Response as Json
}

const otaPushes = (device: Device) => ws.pushes.filter((p) => p.params.DeviceId === device.deviceId && p.params.Topic.startsWith('$ota/report/'))
const decode = (p: PushMessage): Json => JSON.parse(Buffer.from(p.params.Payload, 'base64').toString('utf8'))
const finished = (device: Device) => ws.waitForPush((p) => p.params.DeviceId === device.deviceId && p.params.Topic.startsWith('$ota/') && [5, 6].includes(decode(p).status as number), OTA_MS * 10)

describe('versions', () => {
  it('orders versions by number, not text', () => {
    expect(compareVersions('1.10.0', '1.9.3')).toBe(1)
    expect(compareVersions('1.9', '1.10')).toBe(-1)
    expect(compareVersions('1.2', '1.2.0')).toBe(0)
    expect(compareVersions('2.0.10', '2.0.9')).toBe(1)
  })

  it('AppCheckFirmwareUpdate offers 1.10.0 to a light on 1.9.3, and nothing to one on 1.10.0', async () => {
    const light = freshLight()
    await ok('AppReportFirmwareVersion', light, { Version: '1.9.3' })
    expect(await ok('AppCheckFirmwareUpdate', light)).toMatchObject({ CurrentVersion: '1.9.3', DstVersion: '1.10.0' })
    await ok('AppReportFirmwareVersion', light, { Version: '1.10.0' })
    expect(await ok('AppCheckFirmwareUpdate', light)).toMatchObject({ CurrentVersion: '1.10.0', DstVersion: '1.10.0' })
    expect(sb.ota.versionOf(light.deviceId)).toBe('1.10.0')
    expect(errorCode(await call('AppReportFirmwareVersion', light, { Version: '' }))).toBe('InvalidParameterValue')
  })

  it('starts most devices below the newest firmware, with a catalogue of 2 to 4 versions per product', () => {
    const devices = homeDevices(sb)
    const behind = devices.filter((d) => sb.ota.versionOf(d.deviceId) !== sb.ota.firmwareOf(d.productId).at(-1)!.version)
    expect(behind.length / devices.length).toBeGreaterThan(0.5)
    for (const id of Object.values(PRODUCT_IDS)) {
      const versions = sb.ota.firmwareOf(id).map((f) => f.version)
      expect(versions.length).toBeGreaterThanOrEqual(2)
      expect(versions.length).toBeLessThanOrEqual(4)
      expect([...versions].sort()).not.toEqual(versions) // text order differs from version order
    }
  })
})

describe('an upgrade', () => {
  it('walks the documented statuses in order with a push each, reboots, and ends on the new version', async () => {
    const light = freshLight()
    await ok('AppReportFirmwareVersion', light, { Version: '1.2.0' })
    expect(await ok('AppDescribeFirmwareUpdateStatus', light)).toMatchObject({ Status: 8, OriVersion: '1.2.0', DstVersion: '1.10.0', Percent: 0 })
    await ok('AppPublishFirmwareUpdateMessage', light)
    // A second confirmation while it runs is refused, and both are on record.
    expect(errorCode(await call('AppPublishFirmwareUpdateMessage', light))).toBe('FailedOperation.DeviceIsUpdating')
    expect(sb.ota.publishesOf(light.deviceId).map((r) => r.outcome)).toEqual(['started', 'FailedOperation.DeviceIsUpdating'])
    await finished(light)
    const progress = otaPushes(light).map(decode)
    expect(progress.map((p) => p.status)).toEqual([1, 2, 3, 3, 3, 3, 3, 3, 20, 4, 6])
    expect(progress.map((p) => p.state)).toEqual(['updating', 'updating', ...Array(7).fill('downloading'), 'burning', 'done'])
    const percents = progress.map((p) => p.percent as number)
    expect(percents).toEqual([...percents].sort((a, b) => a - b))
    expect(progress.at(-1)).toMatchObject({ method: 'ota_progress', version: '1.10.0', oriVersion: '1.2.0', currentVersion: '1.10.0', percent: 100, resultCode: 0 })
    // The reboot: offline then online between burning and done.
    const own = ws.pushes.filter((p) => p.params.DeviceId === light.deviceId)
    const kinds = own.map((p) => (p.params.Type === 'StatusChange' ? p.params.SubType : decode(p).status))
    expect(kinds.slice(-4)).toEqual([4, 'Offline', 'Online', 6])
    expect(await ok('AppCheckFirmwareUpdate', light)).toMatchObject({ CurrentVersion: '1.10.0', DstVersion: '1.10.0' })
    expect(await ok('AppDescribeFirmwareUpdateStatus', light)).toMatchObject({ Status: 6, Percent: 100, OriVersion: '1.2.0', DstVersion: '1.10.0', ErrMsg: '' })
    expect(sb.world.devices.get(light.deviceId)!.online).toBe(true)
  })

  it('fails when a failure is injected, reports why, and keeps the old version', async () => {
    const light = freshLight()
    await ok('AppReportFirmwareVersion', light, { Version: '1.0.0' })
    sb.control.failUpgrade(light.deviceId)
    await ok('AppPublishFirmwareUpdateMessage', light)
    const last = decode(await finished(light))
    expect(last).toMatchObject({ status: 5, state: 'fail', currentVersion: '1.0.0', version: '1.10.0' })
    expect(last.resultCode).toBeLessThan(0)
    expect(last.resultMsg).not.toBe('')
    const status = await ok('AppDescribeFirmwareUpdateStatus', light)
    expect(status).toMatchObject({ Status: 5, OriVersion: '1.0.0', DstVersion: '1.10.0' })
    expect(status.ErrMsg).not.toBe('')
    expect(sb.ota.versionOf(light.deviceId)).toBe('1.0.0')
    // The upgrade is still on offer; a new confirmation starts a new attempt.
    expect(await ok('AppCheckFirmwareUpdate', light)).toMatchObject({ CurrentVersion: '1.0.0', DstVersion: '1.10.0' })
  })

  it('can say done and come back on the old version, so only the final version tells', async () => {
    const light = freshLight()
    await ok('AppReportFirmwareVersion', light, { Version: '1.9.3' })
    sb.ota.failNextUpgrade(light.deviceId, 'reverted')
    await ok('AppPublishFirmwareUpdateMessage', light)
    expect(decode(await finished(light))).toMatchObject({ status: 6, state: 'done', version: '1.10.0', currentVersion: '1.9.3' })
    expect(await ok('AppDescribeFirmwareUpdateStatus', light)).toMatchObject({ Status: 6 })
    expect(await ok('AppCheckFirmwareUpdate', light)).toMatchObject({ CurrentVersion: '1.9.3', DstVersion: '1.10.0' })
  })

  it('refuses an offline device, an up-to-date one and another user\'s, recording what reached the device', async () => {
    const offline = homeDevices(sb).find((d) => !d.online)!
    expect(errorCode(await call('AppPublishFirmwareUpdateMessage', offline))).toBe('FailedOperation.DeviceOffline')
    expect(sb.ota.publishesOf(offline.deviceId)).toMatchObject([{ outcome: 'FailedOperation.DeviceOffline', userId: DEMO_ACCOUNT.userId }])
    expect(sb.ota.upgradeOf(offline.deviceId)).toBeUndefined()
    const current = freshLight()
    await ok('AppReportFirmwareVersion', current, { Version: '1.10.0' })
    expect(errorCode(await call('AppPublishFirmwareUpdateMessage', current))).toBe('ResourceNotFound.DeviceHasNoFirmware')
    expect(errorCode(await call('AppGetDeviceOTAInfo', current))).toBe('ResourceNotFound.DeviceFirmwareTaskNotExist')
    const flat = [...sb.world.families.values()].find((f) => f.ownerId === NEIGHBOUR_ACCOUNT.userId && !f.members.has(DEMO_ACCOUNT.userId))!
    const foreign = sb.world.devicesIn(flat.familyId)[0]! as Device
    expect(errorCode(await call('AppPublishFirmwareUpdateMessage', foreign))).toBe('InvalidParameterValue.NoPermission')
    expect(sb.ota.publishesOf(foreign.deviceId)).toEqual([])
  })
})

describe('as-device reports', () => {
  it('AppReportOTAStatus moves the upgrade and pushes it; done installs the version', async () => {
    const light = freshLight()
    await ok('AppReportFirmwareVersion', light, { Version: '1.2.0' })
    await ok('AppReportOTAStatus', light, { Version: '1.10.0', State: 'downloading', ResultCode: 0, ResultMsg: '', Persent: 20 })
    expect(await ok('AppDescribeFirmwareUpdateStatus', light)).toMatchObject({ Status: 3, Percent: 20, OriVersion: '1.2.0', DstVersion: '1.10.0' })
    expect(decode(otaPushes(light).at(-1)!)).toMatchObject({ status: 3, percent: 20 })
    await ok('AppReportOTAStatus', light, { Version: '1.10.0', State: 'burning', ResultCode: 0, Percent: 100 })
    await ok('AppReportOTAStatus', light, { Version: '1.10.0', State: 'done', ResultCode: 0, ResultMsg: '', Persent: 100 })
    expect(sb.ota.versionOf(light.deviceId)).toBe('1.10.0')
    expect(await ok('AppDescribeFirmwareUpdateStatus', light)).toMatchObject({ Status: 6, Percent: 100 })
  })

  it('checks the report: state words, result codes, ResultMsg on fail, the target version', async () => {
    const light = freshLight()
    await ok('AppReportFirmwareVersion', light, { Version: '1.2.0' })
    const report = (extra: Json) => call('AppReportOTAStatus', light, { Version: '1.10.0', State: 'downloading', ResultCode: 0, ...extra })
    expect(errorCode(await report({ State: 'flying' }))).toBe('InvalidParameterValue')
    expect(errorCode(await report({ State: 'FAIL', ResultCode: -4 }))).toBe('InvalidParameterValue')
    expect(errorCode(await report({ ResultCode: -9 }))).toBe('InvalidParameterValue')
    expect(errorCode(await report({ Version: '9.9.9' }))).toBe('InvalidParameterValue')
    expect(errorCode(await report({ State: 'FAIL', ResultCode: -4, ResultMsg: 'md5 mismatch' }))).toBeUndefined()
    expect(await ok('AppDescribeFirmwareUpdateStatus', light)).toMatchObject({ Status: 5, ErrMsg: 'md5 mismatch' })
    expect(sb.ota.versionOf(light.deviceId)).toBe('1.2.0')
  })
})

describe('firmware records and images', () => {
  it('serves the image AppGetDeviceOTAInfo names, whose MD5 is AppDescribeFirmware\'s', async () => {
    const light = freshLight()
    await ok('AppReportFirmwareVersion', light, { Version: '1.0.0' })
    const info = await ok('AppGetDeviceOTAInfo', light)
    expect(info).toMatchObject({ TargetVersion: '1.10.0', UploadVersion: '1.0.0' })
    expect(info.FirmwareURL).toMatch(new RegExp(`^${sb.url}/firmware/${light.productId}/1\\.10\\.0\\.bin\\?sign=`))
    const image = Buffer.from(await (await fetch(info.FirmwareURL)).arrayBuffer())
    const record = (await tokenapi(sb, token, 'AppDescribeFirmware', { ProductId: light.productId, FirmwareVersion: '1.10.0' })).Response
    expect(record).toMatchObject({ ProductId: light.productId, Version: '1.10.0', ProductName: 'Smart Light', FwType: 'mcu' })
    expect(createHash('md5').update(image).digest('hex')).toBe(record.Md5sum)
    expect(typeof record.Createtime).toBe('number')
    expect((await fetch(info.FirmwareURL.replace(/sign=\w+/, 'sign=forged'))).status).toBe(403)
    expect((await fetch(`${sb.url}/firmware/${light.productId}/0.0.1.bin`)).status).toBe(404)
  })

  it('AppDescribeFirmware takes ProductID too, and names what does not exist', async () => {
    const byTable = await tokenapi(sb, token, 'AppDescribeFirmware', { ProductID: PRODUCT_IDS.sensor, FirmwareVersion: '1.0.10' })
    expect(byTable.Response).toMatchObject({ ProductId: PRODUCT_IDS.sensor, Version: '1.0.10' })
    expect(errorCode(await tokenapi(sb, token, 'AppDescribeFirmware', { ProductId: PRODUCT_IDS.sensor, FirmwareVersion: '7.7' }))).toBe('ResourceNotFound.FirmwareNotExist')
    expect(errorCode(await tokenapi(sb, token, 'AppDescribeFirmware', { ProductId: 'NOPRODUCT1', FirmwareVersion: '1.0' }))).toBe('ResourceNotFound.StudioProductNotExist')
  })
})

describe('failure rate', () => {
  it('fails every upgrade at rate 1, the same way for the same seed', async () => {
    const outcomes = async () => {
      const s = await withSandbox({ seed: 11, devices: 30, simulate: false, otaDurationMs: 50, otaFailureRate: 1 })
      try {
        const t = await signIn(s)
        const targets = homeDevices(s).filter((d) => d.online).filter((d) => s.ota.versionOf(d.deviceId) !== s.ota.firmwareOf(d.productId).at(-1)!.version)
        for (const d of targets) await tokenapi(s, t, 'AppPublishFirmwareUpdateMessage', { ProductId: d.productId, DeviceName: d.deviceName })
        await new Promise((resolve) => setTimeout(resolve, 400))
        return targets.map((d) => {
          const task = s.ota.upgradeOf(d.deviceId)!
          const keptVersion = s.ota.versionOf(d.deviceId) === task.oriVersion
          return `${d.deviceId}:${task.status}:${task.resultCode}:${keptVersion}`
        })
      } finally {
        await s.close()
      }
    }
    const [first, second] = [await outcomes(), await outcomes()]
    expect(first.length).toBeGreaterThan(3)
    expect(first).toEqual(second)
    for (const line of first) expect(line.endsWith(':true')).toBe(true)
  })
})
