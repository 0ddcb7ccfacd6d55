import { describe, expect, it } from 'vitest'
import { scriptedCloud, type Answer } from '../support/scripted-cloud'
import { homeCommands } from '../../electron/core/home/commands'
import { membersCommands } from '../../electron/core/members/commands'
import { sharingCommands } from '../../electron/core/sharing/commands'

/** The commands under test on a scripted cloud. */
function cloudAnswering(answers: Record<string, Answer[]>) {
  const { call, sent } = scriptedCloud(answers)
  return { home: homeCommands(call), members: membersCommands(call), sharing: sharingCommands(call), sent }
}

describe('the home, members and sharing commands speak the reference', () => {
  it('moves a device with its ProductId and DeviceName, and reads a created room id given as a number', async () => {
    const cloud = cloudAnswering({ AppModifyFamilyDeviceRoom: [{}], AppCreateRoom: [{ RoomId: 1234 }] })
    await cloud.home['home.moveDevice']({ familyId: 'f1', deviceId: 'P1/dev_a', roomId: 'r9' })
    expect(await cloud.home['home.createRoom']({ familyId: 'f1', name: 'Hall' })).toEqual({ roomId: '1234', requestId: 'r-1' })
    expect(cloud.sent[0]).toEqual({ action: 'AppModifyFamilyDeviceRoom', params: { ProductId: 'P1', DeviceName: 'dev_a', FamilyId: 'f1', RoomId: 'r9' } })
  })

  it('reads members whether the id is spelt UserID (the table) or UserId', async () => {
    const cloud = cloudAnswering({
      AppGetFamilyMemberList: [{ MemberList: [{ UserID: 'u1', NickName: 'Ann', Role: 1 }, { UserId: 'u2', Role: '0' }], Total: 2 }],
    })
    expect(await cloud.members['members.list']({ familyId: 'f1' })).toEqual([
      { userId: 'u1', nickName: 'Ann', role: 1 },
      { userId: 'u2', nickName: '', role: 0 },
    ])
  })

  it('invites a user by ToUserId, and hands an invitation token over as a link', async () => {
    const cloud = cloudAnswering({ AppSendShareFamilyInvite: [{}], AppInviteMember: [{ ShareToken: 'tok+/=' }] })
    await cloud.members['members.invite']({ familyId: 'f1', userId: 'u2' })
    expect(cloud.sent[0]!.params).toEqual({ FamilyId: 'f1', ToUserId: 'u2' })
    const made = await cloud.members['members.invitation']({ familyId: 'f1' })
    expect(new URL(made.link).searchParams.get('token')).toBe('tok+/=')
  })

  it('puts in a share link all that binding needs, and reads a token whose alias sits at the top (the table) or inside', async () => {
    const cloud = cloudAnswering({
      AppCreateShareDeviceToken: [{ ShareDeviceToken: 'sd-1' }],
      AppDescribeShareDeviceToken: [{ ShareDeviceTokenInfo: { ProductId: 'P1', DeviceName: 'dev_a', FromUserId: 'u1', UserId: '', ExpireTime: 99 }, AliasName: 'Lamp' }],
    })
    const share = await cloud.sharing['sharing.createToken']({ familyId: 'f1', deviceId: 'P1/dev_a' })
    const link = new URL(share.link)
    expect([link.searchParams.get('token'), link.searchParams.get('productId'), link.searchParams.get('deviceName')]).toEqual(['sd-1', 'P1', 'dev_a'])
    expect(await cloud.sharing['sharing.describeToken']({ token: 'sd-1' })).toMatchObject({ deviceId: 'P1/dev_a', aliasName: 'Lamp', usedBy: '', expireTime: 99 })
  })

  it('revokes a user with RemoveUserId', async () => {
    const cloud = cloudAnswering({ AppRemoveShareDeviceUser: [{ Status: 'OK' }] })
    await cloud.sharing['sharing.revoke']({ deviceId: 'P1/dev_a', userId: 'u2' })
    expect(cloud.sent[0]!.params).toEqual({ ProductId: 'P1', DeviceName: 'dev_a', RemoveUserId: 'u2' })
  })
})
