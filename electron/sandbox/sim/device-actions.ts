/**
 * Calling a device's actions (the data template's `actions`), shared by
 * AppCallDeviceActionSync/Async and any scene or automation that calls actions:
 * inputs are checked against the template, the call goes out as Action/Push, and the
 * device answers Action/Report (action_reply with the same clientToken), at once for a
 * synchronous call and a moment later for an asynchronous one. The output is a plausible,
 * template-valid value that depends only on (seed, device, action, input).
 */
import type { ActionPayload } from '../../../shared/api/push'
import type { CloudState } from '../actions/registry'
import { invalidParam } from '../api/errors'
import { Rng } from '../prng'
import { fnv1a } from '../world/device-factory'
import type { Device, PropertyValue } from '../world/model'
import { sampleValue, type ThingAction, type ThingDefine } from '../world/thing-model'
import { checkValue, pushActionCall, pushActionReply } from './device-behaviour'
import type { Cancel } from './scheduler'

/** How long a simulated device takes to answer an asynchronous call (sandbox choice). */
export const ACTION_REPLY_DELAY_MS = 300

export type ActionReply = Extract<ActionPayload, { method: 'action_reply' }>

export interface CheckedCall {
  action: ThingAction
  input: Record<string, PropertyValue>
}

/** The action must exist on the device's product; every declared input must be sent and valid. */
export function checkActionCall(cloud: CloudState, device: Device, actionId: string, input: Record<string, unknown>): CheckedCall {
  const action = cloud.world.products.get(device.productId)?.dataTemplate.actions.find((a) => a.id === actionId)
  if (!action) throw invalidParam(`${device.productId} has no action ${actionId}.`)
  const checked: Record<string, PropertyValue> = {}
  for (const id of Object.keys(input)) {
    if (!action.input.some((p) => p.id === id)) throw invalidParam(`Action ${actionId} has no input ${id}.`)
  }
  for (const param of action.input) {
    if (input[param.id] === undefined) throw invalidParam(`Action ${actionId} needs input ${param.id}.`)
    checked[param.id] = checkValue(param.id, param.define, input[param.id])
  }
  return { action, input: checked }
}

/** What the device answers: "success" where an output has such a label, else a sample. */
export function actionOutput(seed: number, device: Device, call: CheckedCall, nowSec: number): Record<string, PropertyValue> {
  const rng = new Rng((seed ^ fnv1a(`${device.deviceId}|${call.action.id}|${JSON.stringify(call.input)}`)) >>> 0)
  return Object.fromEntries(call.action.output.map((p) => [p.id, successValue(p.define) ?? sampleValue(p.define, rng, nowSec)]))
}

function successValue(define: ThingDefine): number | undefined {
  if (define.type !== 'bool' && define.type !== 'enum') return undefined
  const key = Object.entries(define.mapping).find(([, label]) => /succ/i.test(label))?.[0]
  return key === undefined ? undefined : Number(key)
}

/** Publishes the call towards the device (Action/Push); `timestamp` in seconds as the reference's example. */
export function sendActionCall(cloud: CloudState, device: Device, call: CheckedCall, clientToken: string): void {
  pushActionCall(cloud, device, {
    method: 'action',
    clientToken,
    actionId: call.action.id,
    timestamp: Math.floor(cloud.options.clock() / 1000),
    params: call.input,
  })
}

export function successReply(clientToken: string, output: Record<string, PropertyValue>): ActionReply {
  return { method: 'action_reply', clientToken, code: 0, status: 'succ', response: output }
}

const pendingByWorld = new WeakMap<object, Map<string, Cancel>>()

function pendingOf(cloud: CloudState): Map<string, Cancel> {
  let pending = pendingByWorld.get(cloud.world)
  if (!pending) {
    pending = new Map()
    pendingByWorld.set(cloud.world, pending)
  }
  return pending
}

/**
 * Schedules the device's reply to an asynchronous call. A device that is gone or offline
 * by then never answers (the caller times out, as with a real device).
 */
export function scheduleActionReply(cloud: CloudState, device: Device, reply: ActionReply, delayMs = ACTION_REPLY_DELAY_MS): void {
  const pending = pendingOf(cloud)
  const cancel = cloud.scheduler.after(delayMs, () => {
    pending.delete(reply.clientToken)
    const current = cloud.world.devices.get(device.deviceId)
    if (current?.online) pushActionReply(cloud, current, reply)
  })
  pending.set(reply.clientToken, cancel)
}

/**
 * A reply sent on the device's behalf (AppPublishMsgAsDevice on the action topic): it
 * replaces the simulated reply of a pending call with the same clientToken.
 */
export function replyAsDevice(cloud: CloudState, device: Device, reply: ActionReply): void {
  const pending = pendingOf(cloud)
  pending.get(reply.clientToken)?.()
  pending.delete(reply.clientToken)
  pushActionReply(cloud, device, reply)
}
