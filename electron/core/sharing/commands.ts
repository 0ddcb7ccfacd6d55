/** The sharing commands of the bridge (shared/contracts/sharing.ts): devices shared with other users. */
import type { sharingContract } from '../../../shared/contracts/sharing'
import { deviceParams } from '../../../shared/device-id'
import { shareTokenInfoShape, shareTokenShape, shareUsersShape, userShareDevicesShape } from '../api/answers/home'
import { readAnswer } from '../api/answers/read'
import type { CloudCall } from '../api/cloud-call'
import type { Params } from '../api/cloud-client'
import { fetchAllPages } from '../api/paging'
import type { DomainHandlers } from '../dispatcher'
import { shareLink } from './share-link'

/** "Default is 10. Max. 100." */
const SHARE_PAGE = 100

export function sharingCommands(call: CloudCall): DomainHandlers<typeof sharingContract> {
  const change = async (action: string, params: Params) => ({ requestId: (await call(action, params)).requestId })
  return {
    'sharing.users': async ({ deviceId }) => {
      const users = await fetchAllPages(async (Offset, Limit) => {
        const action = 'AppListShareDeviceUsers'
        const page = readAnswer(shareUsersShape, await call(action, { ...deviceParams(deviceId), Offset, Limit }), action)
        return { items: page.Users, total: page.Total }
      }, SHARE_PAGE)
      return users.map((u) => ({ userId: u.UserId, nickName: u.NickName, phoneNumber: u.PhoneNumber, bindTime: u.BindTime }))
    },
    'sharing.invite': ({ deviceId, userId }) => change('AppSendShareDeviceInvite', { ...deviceParams(deviceId), ToUserId: userId }),
    'sharing.createToken': async ({ familyId, deviceId }) => {
      const reply = await call('AppCreateShareDeviceToken', { ...deviceParams(deviceId), FamilyId: familyId })
      const token = readAnswer(shareTokenShape, reply, 'AppCreateShareDeviceToken').ShareDeviceToken
      return { token, link: shareLink(token, deviceId), requestId: reply.requestId }
    },
    'sharing.describeToken': async ({ token }) => {
      const action = 'AppDescribeShareDeviceToken'
      const answer = readAnswer(shareTokenInfoShape, await call(action, { ShareDeviceToken: token }), action)
      const info = answer.ShareDeviceTokenInfo
      return {
        deviceId: `${info.ProductId}/${info.DeviceName}`,
        aliasName: info.AliasName || answer.AliasName,
        fromUserId: info.FromUserId,
        fromNickName: info.FromUserNick,
        usedBy: info.UserId,
        expireTime: info.ExpireTime,
      }
    },
    'sharing.accept': ({ token, deviceId }) => change('AppBindUserShareDevice', { ...deviceParams(deviceId), ShareDeviceToken: token }),
    'sharing.revoke': ({ deviceId, userId }) => change('AppRemoveShareDeviceUser', { ...deviceParams(deviceId), RemoveUserId: userId }),
    'sharing.received': async () => {
      const devices = await fetchAllPages(async (Offset, Limit) => {
        const action = 'AppListUserShareDevices'
        const page = readAnswer(userShareDevicesShape, await call(action, { Offset, Limit }), action)
        return { items: page.ShareDevices, total: page.Total }
      }, SHARE_PAGE)
      return devices.map((d) => ({ deviceId: d.DeviceId || `${d.ProductId}/${d.DeviceName}`, aliasName: d.AliasName, sharedAt: d.CreateTime }))
    },
    'sharing.drop': ({ deviceId }) => change('AppRemoveUserShareDevice', deviceParams(deviceId)),
  }
}
