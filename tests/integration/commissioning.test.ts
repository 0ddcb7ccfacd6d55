import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT, PRODUCT_IDS } from '../../electron/sandbox'
import { deskOnSandbox, type DeskUnderTest } from '../support/desk'

/**
 * The commissioning checklist and report through the core against the sandbox (results
 * checked against the contract): test controls are judged from the audit log and the
 * device's reported values, refusals keep the cloud's code.
 */
describe('commissioning a home through the core', () => {
  let desk: DeskUnderTest
  let familyId = ''
  let light = ''
  let plug = ''
  const control = async (deviceId: string) => (await desk.run('commissioning.checklist', { familyId })).items.find((i) => i.kind === 'control' && i.deviceId === deviceId)

  beforeAll(async () => {
    desk = await deskOnSandbox()
    await desk.signInDemo()
    const { world } = desk.sandbox
    const home = world.familiesOf(DEMO_ACCOUNT.userId).find(({ family, role }) => {
      const devices = world.devicesIn(family.familyId)
      return role === 1 && [PRODUCT_IDS.light, PRODUCT_IDS.plug].every((p) => devices.some((d) => d.productId === p && d.online))
    })!
    familyId = home.family.familyId
    light = world.devicesIn(familyId).find((d) => d.productId === PRODUCT_IDS.light && d.online)!.deviceId
    plug = world.devicesIn(familyId).find((d) => d.productId === PRODUCT_IDS.plug && d.online)!.deviceId
  })
  afterAll(async () => {
    await desk?.close()
  })

  it('counts a test control once the device reports the value sent through this app', async () => {
    expect(await control(light)).toMatchObject({ status: 'unmet', reason: 'never-controlled', fix: 'device' })
    await desk.run('device.control', { deviceId: light, values: { power_switch: 1 } })
    expect(await control(light)).toMatchObject({ status: 'met', reason: 'confirmed', params: { values: '{"power_switch":1}' } })
  })

  it("keeps the cloud's refusal of a control sent to an offline device", async () => {
    desk.sandbox.control.setDeviceOnline(plug, false)
    expect((await desk.fail('device.control', { deviceId: plug, values: { power_switch: 1 } })).code).toBe('FailedOperation.DeviceOffline')
    expect(await control(plug)).toMatchObject({ status: 'unmet', reason: 'control-refused', params: { code: 'FailedOperation.DeviceOffline' } })
    const list = await desk.run('commissioning.checklist', { familyId })
    expect(list.items.find((i) => i.kind === 'online' && i.deviceId === plug)).toMatchObject({ status: 'unmet', reason: 'offline' })
  })

  it('reports every device of the home with the technician named as the home knows him', async () => {
    const report = await desk.run('commissioning.report', { familyId })
    expect(report.technician).toBe(DEMO_ACCOUNT.nickName)
    expect(report.devices.map((d) => d.deviceId).sort()).toEqual(desk.sandbox.world.devicesIn(familyId).map((d) => d.deviceId).sort())
    expect(report.devices.find((d) => d.deviceId === light)?.test?.outcome).toBe('confirmed')
    expect(report.devices.find((d) => d.deviceId === plug)).toMatchObject({ online: false, test: { outcome: 'refused' } })
  })

  it("answers 'print' in browser mode, where the host cannot make a PDF", async () => {
    expect(await desk.run('commissioning.savePdf', { fileName: 'handover.pdf' })).toEqual({ outcome: 'print' })
    expect((await desk.fail('commissioning.savePdf', { fileName: '../etc/passwd' })).kind).toBe('validation')
  })
})
