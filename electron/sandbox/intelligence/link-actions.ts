/**
 * The Actions list of scenes and automations, as the reference's examples print it:
 * ActionType 0 device control (Data = JSON control), 1 delay (Data = seconds as a string,
 * "100"), 2 run a scene (Data = SceneId), 3 notification (Data = the text).
 */
import type { CloudState } from '../actions/registry'
import { ApiError, invalidParam } from '../api/errors'
import { isPlainObject, toInteger } from '../api/params'
import type { World } from '../world/world'
import { familyDevice } from './access'
import { checkControlData } from './control-data'
import { optionalText, requiredInteger, requiredText } from './fields'
import type { LinkAction } from './model'
import { intelligenceOf } from './store'
import { joinDeviceId } from '../../../shared/device-id'

/** Sandbox choices: the reference states no limits for these. */
export const MAX_ACTIONS = 50
export const MAX_DELAY_SECONDS = 86_400
export const MAX_NOTIFICATION_LENGTH = 1024

export interface LinkageInput {
  cloud: CloudState
  userId: string
  familyId: string
  /** The scene being modified: it may not run itself. */
  selfSceneId?: string
  /** The code for too many items: LimitExceeded where the table lists it, else InvalidParameterValue. */
  limitCode: string
}

export function parseActions(input: LinkageInput, raw: readonly unknown[]): LinkAction[] {
  if (raw.length === 0) throw invalidParam('Actions must hold at least one action.')
  if (raw.length > MAX_ACTIONS) throw new ApiError(input.limitCode, `Actions holds at most ${MAX_ACTIONS} actions.`)
  return raw.map((item, i) => parseAction(input, item, `Actions[${i}]`))
}

function parseAction(input: LinkageInput, item: unknown, where: string): LinkAction {
  if (!isPlainObject(item)) throw invalidParam(`${where} must be an object.`)
  const type = requiredInteger(item, 'ActionType', where)
  switch (type) {
    case 0:
      return deviceAction(input, item, where)
    case 1:
      return { type: 1, data: String(delaySeconds(item.Data, where)) }
    case 2:
      return { type: 2, data: sceneTarget(input, requiredText(item, 'Data', where), where) }
    case 3:
      return { type: 3, data: notificationText(item.Data, where) }
    default:
      throw invalidParam(`${where}.ActionType must be 0 (device), 1 (delay), 2 (scene) or 3 (notification).`)
  }
}

function deviceAction(input: LinkageInput, item: Record<string, unknown>, where: string): LinkAction {
  const productId = requiredText(item, 'ProductId', where)
  const deviceName = requiredText(item, 'DeviceName', where)
  const device = familyDevice(input.cloud.world, input.userId, input.familyId, productId, deviceName)
  const data = checkControlData(input.cloud, device, item.Data, `${where}.Data`)
  const aliasName = optionalText(item, 'AliasName', where)
  const iconUrl = optionalText(item, 'IconUrl', where)
  return { type: 0, productId, deviceName, data, ...(aliasName ? { aliasName } : {}), ...(iconUrl ? { iconUrl } : {}) }
}

/** Whole seconds, as a string ("100") or a number. */
function delaySeconds(raw: unknown, where: string): number {
  const seconds = toInteger(raw)
  if (seconds === undefined || seconds < 1 || seconds > MAX_DELAY_SECONDS) {
    throw invalidParam(`${where}.Data of a delay must be whole seconds from 1 to ${MAX_DELAY_SECONDS}.`)
  }
  return seconds
}

function sceneTarget(input: LinkageInput, sceneId: string, where: string): string {
  const scene = intelligenceOf(input.cloud.world).scenes.get(sceneId)
  if (!scene || scene.familyId !== input.familyId) throw invalidParam(`${where}.Data: scene ${sceneId} is not a scene of family ${input.familyId}.`)
  if (sceneId === input.selfSceneId) throw invalidParam(`${where}.Data: a scene cannot run itself.`)
  return sceneId
}

function notificationText(raw: unknown, where: string): string {
  if (typeof raw !== 'string' || raw.trim() === '' || raw.length > MAX_NOTIFICATION_LENGTH) {
    throw invalidParam(`${where}.Data of a notification must be text of 1 to ${MAX_NOTIFICATION_LENGTH} characters.`)
  }
  return raw
}

/**
 * As the lists print them: fields absent when empty ("it does not appear if empty");
 * AliasName (and IconUrl) of a device action default to the device's own, as the
 * AppGetSceneList example shows an AliasName the create request did not send.
 */
export function renderActions(world: World, actions: readonly LinkAction[]): Record<string, unknown>[] {
  return actions.map((action) => {
    if (action.type !== 0) return { ActionType: action.type, Data: action.data }
    const device = world.devices.get(joinDeviceId(action.productId, action.deviceName))
    return withoutEmpty({
      ActionType: 0,
      ProductId: action.productId,
      DeviceName: action.deviceName,
      Data: action.data,
      AliasName: action.aliasName ?? device?.aliasName,
      IconUrl: action.iconUrl ?? device?.iconUrl,
    })
  })
}

export function withoutEmpty(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== ''))
}
