import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NEIGHBOUR_ACCOUNT } from '../../electron/sandbox'
import { deskOnSandbox, type DeskUnderTest } from '../support/desk'

/**
 * The home, members and sharing domains against the sandbox, with the neighbour signed in
 * on a second desk: what the technician does in one account, the other user sees.
 */
describe('home, members and sharing', () => {
  let tech: DeskUnderTest
  let neighbour: DeskUnderTest
  let familyId = ''

  beforeAll(async () => {
    tech = await deskOnSandbox()
    neighbour = await deskOnSandbox({ sharedSandbox: tech.sandbox })
    await tech.signInDemo()
    await neighbour.signInAs(NEIGHBOUR_ACCOUNT)
  })
  afterAll(async () => {
    await neighbour?.close()
    await tech?.close()
  })

  it('creates, renames and deletes a home, each change audited with its RequestId', async () => {
    const created = await tech.run('home.create', { name: ' Flat 3B ' })
    expect(tech.sandbox.world.families.get(created.familyId)?.name).toBe('Flat 3B')
    await tech.run('home.modify', { familyId: created.familyId, name: 'Flat 3C', address: 'Main St 1' })
    expect(tech.sandbox.world.families.get(created.familyId)).toMatchObject({ name: 'Flat 3C', address: 'Main St 1' })
    const refused = await tech.fail('home.delete', { familyId: created.familyId, name: 'Flat 3B' })
    expect(refused.code).toBe('InvalidParameterValue')
    const deleted = await tech.run('home.delete', { familyId: created.familyId, name: 'Flat 3C' })
    expect(tech.sandbox.world.families.has(created.familyId)).toBe(false)
    const audit = await tech.run('audit.list', { action: 'AppDeleteFamily' })
    expect(audit.entries.map((e) => [e.outcome, e.requestId])).toEqual(expect.arrayContaining([['ok', deleted.requestId], ['error', refused.requestId]]))
  })

  it('refuses an empty name before anything reaches the cloud', async () => {
    const error = await tech.fail('home.createRoom', { familyId: 'any', name: '   ' })
    expect(error.code).toBe('Desk.InvalidArguments')
  })

  it('creates a room, moves a device into it, and its deletion sends the device to the default room', async () => {
    const { world } = tech.sandbox
    familyId = world.familiesOf('100000001').find(({ role }) => role === 1)!.family.familyId
    const { roomId } = await tech.run('home.createRoom', { familyId, name: 'Workshop' })
    const device = world.devicesIn(familyId)[0]!
    await tech.run('home.moveDevice', { familyId, deviceId: device.deviceId, roomId })
    expect(world.devices.get(device.deviceId)?.roomId).toBe(roomId)
    await tech.run('home.renameRoom', { familyId, roomId, name: 'Garage' })
    expect((await tech.run('rooms.list', { familyId })).find((r) => r.roomId === roomId)?.name).toBe('Garage')
    await tech.run('home.deleteRoom', { familyId, roomId })
    expect(world.devices.get(device.deviceId)?.roomId).toBe('0')
  })

  it('invites the neighbour by user id, refuses an unknown user, and he joins with an invitation token and sees the home', async () => {
    await tech.run('members.invite', { familyId, userId: NEIGHBOUR_ACCOUNT.userId })
    const again = await tech.fail('members.invite', { familyId, userId: 'no-such-user' })
    expect(again.code).toBe('InvalidParameterValue')
    const { shareToken } = await tech.run('members.invitation', { familyId })
    await neighbour.run('members.join', { shareToken })
    expect((await neighbour.run('families.list')).map((f) => f.familyId)).toContain(familyId)
    const members = await tech.run('members.list', { familyId })
    expect(members).toContainEqual({ userId: NEIGHBOUR_ACCOUNT.userId, nickName: NEIGHBOUR_ACCOUNT.nickName, role: 0 })
    await neighbour.run('members.leave', { familyId })
    expect((await neighbour.run('families.list')).map((f) => f.familyId)).not.toContain(familyId)
  })

  it('shares a device by token; the neighbour takes it, and loses it when access is revoked', async () => {
    const device = tech.sandbox.world.devicesIn(familyId)[1]!
    const share = await tech.run('sharing.createToken', { familyId, deviceId: device.deviceId })
    expect(share.link).toContain(`token=${share.token}`)
    expect((await neighbour.run('sharing.describeToken', { token: share.token })).deviceId).toBe(device.deviceId)
    await neighbour.run('sharing.accept', { token: share.token, deviceId: device.deviceId })
    expect((await neighbour.run('sharing.received')).map((d) => d.deviceId)).toEqual([device.deviceId])
    expect((await tech.run('sharing.users', { deviceId: device.deviceId })).map((u) => u.userId)).toEqual([NEIGHBOUR_ACCOUNT.userId])
    await tech.run('sharing.revoke', { deviceId: device.deviceId, userId: NEIGHBOUR_ACCOUNT.userId })
    expect(await neighbour.run('sharing.received')).toEqual([])
    expect(await tech.run('sharing.users', { deviceId: device.deviceId })).toEqual([])
  })
})
