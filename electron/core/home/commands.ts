/** The home commands of the bridge (shared/contracts/home.ts): the home and its rooms. */
import type { homeContract } from '../../../shared/contracts/home'
import { deviceParams } from '../../../shared/device-id'
import { createdFamilyShape, createdRoomShape } from '../api/answers/home'
import { readAnswer } from '../api/answers/read'
import type { CloudCall } from '../api/cloud-call'
import type { Params } from '../api/cloud-client'
import type { DomainHandlers } from '../dispatcher'

/** `call` is the desk's audited call: every change lands in the audit log with its RequestId. */
export function homeCommands(call: CloudCall): DomainHandlers<typeof homeContract> {
  const change = async (action: string, params: Params) => ({ requestId: (await call(action, params)).requestId })
  return {
    'home.create': async ({ name, address }) => {
      const reply = await call('AppCreateFamily', { Name: name, Address: address })
      return { familyId: readAnswer(createdFamilyShape, reply, 'AppCreateFamily').FamilyId, requestId: reply.requestId }
    },
    'home.modify': ({ familyId, name, address }) => change('AppModifyFamily', { FamilyId: familyId, Name: name, Address: address }),
    'home.delete': ({ familyId, name }) => change('AppDeleteFamily', { FamilyId: familyId, Name: name }),
    'home.createRoom': async ({ familyId, name }) => {
      const reply = await call('AppCreateRoom', { FamilyId: familyId, Name: name })
      return { roomId: readAnswer(createdRoomShape, reply, 'AppCreateRoom').RoomId, requestId: reply.requestId }
    },
    'home.renameRoom': ({ familyId, roomId, name }) => change('AppModifyRoom', { FamilyId: familyId, RoomId: roomId, Name: name }),
    'home.deleteRoom': ({ familyId, roomId }) => change('AppDeleteRoom', { FamilyId: familyId, RoomId: roomId }),
    'home.moveDevice': ({ familyId, deviceId, roomId }) =>
      change('AppModifyFamilyDeviceRoom', { ...deviceParams(deviceId), FamilyId: familyId, RoomId: roomId }),
  }
}
