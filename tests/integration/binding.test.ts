import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NEIGHBOUR_ACCOUNT, PRODUCT_IDS } from '../../electron/sandbox'
import { SIGN_PAYLOAD_VALID_SECONDS } from '../../shared/binding/sign-payload'
import { deskOnSandbox, type DeskUnderTest } from '../support/desk'

/**
 * The binding domain against the sandbox, the device side played through its control
 * levers: each method binds a device where it was asked to, every change is audited with
 * its RequestId, refusals carry the cloud's Code and RequestId, and a bad payload sends nothing.
 */
describe('binding', () => {
  let tech: DeskUnderTest
  let familyId = ''
  let roomId = ''
  let serial = 0
  const fresh = (prefix: string) => `${prefix}_it_${(serial += 1)}`
  const auditOf = async (action: string) => (await tech.run('audit.list', { action })).entries

  beforeAll(async () => {
    tech = await deskOnSandbox({ sandbox: { unboundSubDevices: 2 } })
    await tech.signInDemo()
    const home = tech.sandbox.world.familiesOf('100000001').find(({ role }) => role === 1)!.family
    familyId = home.familyId
    roomId = tech.sandbox.world.roomsOf(familyId)[1]!.roomId
  })
  afterAll(async () => {
    await tech?.close()
  })

  it('binds by Wi-Fi token once the device has reported it, into the chosen room', async () => {
    const { token, requestId: created } = await tech.run('binding.createToken')
    expect(await tech.run('binding.tokenState', { token })).toEqual({ state: 'waiting' })
    const deviceId = `${PRODUCT_IDS.light}/${fresh('light')}`
    const early = await tech.fail('binding.bindWithToken', { familyId, roomId, token, deviceId })
    expect(early).toMatchObject({ kind: 'api', code: 'InvalidParameterValue.TokenNotBind', requestId: expect.any(String) })
    tech.sandbox.control.useBindToken(token, deviceId)
    expect(await tech.run('binding.tokenState', { token })).toEqual({ state: 'used' })
    const bound = await tech.run('binding.bindWithToken', { familyId, roomId, token, deviceId })
    expect(bound).toMatchObject({ deviceId, familyId, roomId })
    expect(tech.sandbox.world.devices.get(deviceId)).toMatchObject({ familyId, roomId, online: true })
    const entries = await auditOf('AppTokenBindDeviceFamily')
    expect(entries.map((e) => [e.outcome, e.requestId, e.errorCode])).toEqual(expect.arrayContaining([
      ['ok', bound.requestId, ''],
      ['error', early.requestId, 'InvalidParameterValue.TokenNotBind'],
    ]))
    expect(entries[0]!.params).not.toContain(token)
    expect((await auditOf('AppCreateDeviceBindToken')).map((e) => e.requestId)).toContain(created)
  })

  it('binds by the signed payload a device printed, and says a device is bound already', async () => {
    const deviceId = `${PRODUCT_IDS.camera}/${fresh('cam')}`
    const { payload } = tech.sandbox.control.signPayload(deviceId)
    const bound = await tech.run('binding.bindWithSignature', { familyId, roomId, payload })
    expect(bound).toMatchObject({ deviceId, familyId, roomId })
    const again = await tech.fail('binding.bindWithSignature', { familyId, roomId, payload: tech.sandbox.control.signPayload(deviceId).payload })
    expect(again).toMatchObject({ kind: 'api', code: 'UnsupportedOperation.CannotBindSameFamily', requestId: expect.any(String) })
    expect((await auditOf('AppSigBindDeviceInFamily')).map((e) => [e.outcome, e.requestId])).toEqual(expect.arrayContaining([
      ['ok', bound.requestId], ['error', again.requestId],
    ]))
  })

  it('refuses a malformed or expired payload before anything reaches the cloud', async () => {
    const before = (await auditOf('AppSigBindDeviceInFamily')).length
    const malformed = await tech.fail('binding.bindWithSignature', { familyId, roomId, payload: '{"ProductId":"LGT7Q2K9PA"' })
    expect(malformed).toMatchObject({ kind: 'validation', code: 'Desk.InvalidSignPayload' })
    const deviceId = `${PRODUCT_IDS.light}/${fresh('light')}`
    const { payload } = tech.sandbox.control.signPayload(deviceId, { ageSeconds: SIGN_PAYLOAD_VALID_SECONDS + 30 })
    const expired = await tech.fail('binding.bindWithSignature', { familyId, roomId, payload })
    expect(expired).toMatchObject({ kind: 'validation', code: 'Desk.InvalidSignPayload', message: expect.stringContaining('expired') })
    expect((await auditOf('AppSigBindDeviceInFamily')).length).toBe(before)
    expect(tech.sandbox.world.devices.has(deviceId)).toBe(false)
  })

  it('lists what a gateway can add, adds it to the home, joins a new sub-device and takes one off', async () => {
    const gateway = tech.sandbox.world.devicesIn(familyId).find((d) => d.deviceType === 1 && d.online)!
    const listed = await tech.run('binding.gatewayDevices', { gatewayId: gateway.deviceId, productId: PRODUCT_IDS.sensor })
    const waiting = listed.filter((d) => !d.inHome)
    expect(waiting.length).toBeGreaterThanOrEqual(2)
    const added = await tech.run('binding.addSubDevice', { gatewayId: gateway.deviceId, deviceId: waiting[0]!.deviceId })
    expect(added).toMatchObject({ deviceId: waiting[0]!.deviceId, familyId, roomId: '0' })
    await tech.run('home.moveDevice', { familyId, deviceId: added.deviceId, roomId })
    expect(tech.sandbox.world.devices.get(added.deviceId)).toMatchObject({ familyId, roomId })

    const newId = `${PRODUCT_IDS.sensor}/${fresh('th')}`
    const joined = await tech.run('binding.joinGateway', { gatewayId: gateway.deviceId, payload: tech.sandbox.control.signSubDevicePayload(newId).payload })
    expect(joined.deviceId).toBe(newId)
    const after = await tech.run('binding.gatewayDevices', { gatewayId: gateway.deviceId, productId: PRODUCT_IDS.sensor })
    expect(after).toContainEqual(expect.objectContaining({ deviceId: newId, inHome: false }))
    const left = await tech.run('binding.leaveGateway', { gatewayId: gateway.deviceId, deviceId: newId })
    expect(tech.sandbox.world.devices.has(newId)).toBe(false)
    for (const action of ['AppBindSubDeviceInFamily', 'AppSigGatewayBindDevice', 'AppGatewayUnbindDevice']) {
      expect((await auditOf(action)).some((e) => e.outcome === 'ok')).toBe(true)
    }
    expect((await auditOf('AppGatewayUnbindDevice')).map((e) => e.requestId)).toContain(left.requestId)
  })

  it('answers the WeChat ticket of a device, and refuses a stranger\'s gateway with Code and RequestId', async () => {
    const light = tech.sandbox.world.devicesIn(familyId).find((d) => d.deviceType === 0)!
    const ticket = await tech.run('binding.wechatTicket', { deviceId: light.deviceId })
    expect(ticket).toMatchObject({ deviceId: light.deviceId, sn: expect.any(String), snTicket: expect.stringMatching(/^[0-9a-f]+$/) })
    const flat = tech.sandbox.world.familiesOf(NEIGHBOUR_ACCOUNT.userId).find(({ family }) => family.name === "Neighbour's flat")!.family
    const foreign = tech.sandbox.world.devicesIn(flat.familyId)[0]!
    const refused = await tech.fail('binding.gatewayDevices', { gatewayId: foreign.deviceId, productId: PRODUCT_IDS.sensor })
    expect(refused).toMatchObject({ kind: 'api', code: 'ResourceNotFound.StudioMemberNotExist', requestId: expect.any(String) })
  })
})
