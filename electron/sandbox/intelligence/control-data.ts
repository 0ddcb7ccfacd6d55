/**
 * The control a timer or device action sends: a JSON string of property values (the
 * reference's "{\"brightness\": 25}"), checked against the device's writable properties
 * when it is saved and again when it runs.
 */
import type { CloudState } from '../actions/registry'
import { invalidParam } from '../api/errors'
import { isPlainObject } from '../api/params'
import { checkControl } from '../sim/device-behaviour'
import type { Device, PropertyValue } from '../world/model'

/** Returns the JSON text to store; an object is accepted too and stored as its JSON. */
export function checkControlData(cloud: CloudState, device: Device, raw: unknown, name: string): string {
  const text = typeof raw === 'string' ? raw : isPlainObject(raw) ? JSON.stringify(raw) : undefined
  if (text === undefined) throw invalidParam(`${name} must be a JSON string of property values.`)
  checkControl(cloud, device, parseObject(text, name))
  return text
}

/** The values to apply now, or undefined if the stored control no longer fits the device. */
export function controlValues(cloud: CloudState, device: Device, text: string): Record<string, PropertyValue> | undefined {
  try {
    return checkControl(cloud, device, parseObject(text, 'Data'))
  } catch {
    return undefined
  }
}

function parseObject(text: string, name: string): Record<string, unknown> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw invalidParam(`${name} is not JSON.`)
  }
  if (!isPlainObject(parsed)) throw invalidParam(`${name} must be a JSON object of property values.`)
  return parsed
}
