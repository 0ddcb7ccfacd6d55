/** Every action the sandbox emulates, by group. New groups register here. */
import { dataQueryActions } from './data-query'
import { dataHistoryActions } from './data-history'
import { firmwareActions } from './firmware'
import { deviceActions } from './device'
import { asDeviceActions } from './as-device'
import { bindingActions } from './binding'
import { controlActions } from './control'
import { deviceManageActions } from './device-manage'
import { gatewayActions } from './gateway'
import { familyActions } from './family'
import { familyAdminActions } from './family-admin'
import { memberActions } from './members'
import { messageActions } from './messages'
import { roomActions } from './rooms'
import { deviceSharingActions } from './device-sharing'
import { ActionRegistry } from './registry'
import { automationActions } from './automation'
import { sceneActions } from './scene'
import { timerActions } from './timer'
import { userActions } from './user'
import { cloudStorageActions } from './cloud-storage'
import { cloudStorageLinkActions } from './cloud-storage-links'
import { musicActions } from './music'

export function createActionRegistry(): ActionRegistry {
  return new ActionRegistry().register(...userActions, ...familyActions, ...familyAdminActions, ...roomActions, ...memberActions, ...deviceSharingActions, ...messageActions, ...deviceActions, ...bindingActions, ...deviceManageActions, ...gatewayActions, ...asDeviceActions, ...controlActions, ...dataQueryActions, ...dataHistoryActions, ...firmwareActions, ...timerActions, ...sceneActions, ...automationActions, ...cloudStorageActions, ...cloudStorageLinkActions, ...musicActions)
}

export { ActionRegistry } from './registry'
export type { ActionDefinition, CloudState } from './registry'
