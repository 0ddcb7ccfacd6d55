/**
 * The API console's forms, made from the catalog: which actions it offers, what each field
 * starts with (ids from the current context), and the request built from what was typed,
 * with a readable message for every field that does not parse.
 */
import { ACTION_SPECS, type ActionSpec, type ParamSpec } from '@shared/api'

export interface ConsoleAction {
  /** Unique per entry: AppKugouUserCommand has one per KGCommand. */
  key: string
  spec: ActionSpec
}

/** Fields hold text while typed; booleans are a tri-state (unset for optional ones). */
export type FieldValue = string | boolean | null

export type Context = Partial<Record<'FamilyId' | 'ProductId' | 'DeviceName' | 'RoomId' | 'DeviceId', string>>

export const consoleKey = (spec: ActionSpec): string => (spec.subcommand ? `${spec.action}#${spec.subcommand}` : spec.action)

/** Every action callable through api.call: the tokenapi ones. */
export const CONSOLE_ACTIONS: readonly ConsoleAction[] = ACTION_SPECS.filter((s) => s.endpoint === 'tokenapi').map((spec) => ({
  key: consoleKey(spec),
  spec,
}))

export function groupActions(actions: readonly ConsoleAction[], query: string): { group: string; actions: ConsoleAction[] }[] {
  const q = query.trim().toLowerCase()
  const groups = new Map<string, ConsoleAction[]>()
  for (const entry of actions) {
    const { spec } = entry
    const hay = `${spec.action} ${spec.subcommand ?? ''} ${spec.title} ${spec.group}`.toLowerCase()
    if (q && !hay.includes(q)) continue
    const list = groups.get(spec.group) ?? []
    list.push(entry)
    groups.set(spec.group, list)
  }
  return [...groups].map(([group, list]) => ({ group, actions: list }))
}

/** Gateway ids and similar are the same device seen from another action. */
const CONTEXT_ALIASES: Record<string, keyof Context> = {
  FamilyId: 'FamilyId',
  ProductId: 'ProductId',
  DeviceName: 'DeviceName',
  RoomId: 'RoomId',
  DeviceId: 'DeviceId',
}

export function initialFields(spec: ActionSpec, context: Context): Record<string, FieldValue> {
  return Object.fromEntries(spec.params.map((p) => [p.name, initialField(spec, p, context)]))
}

function initialField(spec: ActionSpec, param: ParamSpec, context: Context): FieldValue {
  if (param.name === 'KGCommand' && spec.subcommand) return spec.subcommand
  const key = CONTEXT_ALIASES[param.name]
  if (key && context[key]) return context[key]
  if (param.kind === 'boolean') return param.required ? false : null
  if (param.kind === 'array') return param.required ? '[]' : ''
  if (param.kind === 'object') return param.required ? '{}' : ''
  return ''
}

export interface BuiltRequest {
  params: Record<string, unknown>
  /** Field name → why it cannot be sent. */
  errors: Record<string, string>
}

const INTEGER = /^-?\d+$/

/** Empty optional fields are left out, as the cloud reads an absent field as "not given". */
export function buildRequest(spec: ActionSpec, fields: Record<string, FieldValue>): BuiltRequest {
  const params: Record<string, unknown> = {}
  const errors: Record<string, string> = {}
  for (const param of spec.params) {
    const raw = fields[param.name] ?? null
    const empty = raw === null || (typeof raw === 'string' && raw.trim() === '')
    if (empty) {
      if (param.required) errors[param.name] = 'required'
      continue
    }
    const parsed = parseField(param, raw)
    if ('error' in parsed) errors[param.name] = parsed.error
    else params[param.name] = parsed.value
  }
  return { params, errors }
}

function parseField(param: ParamSpec, raw: string | boolean): { value: unknown } | { error: string } {
  switch (param.kind) {
    case 'boolean':
      return { value: raw === true || raw === 'true' }
    case 'integer': {
      const text = String(raw).trim()
      return INTEGER.test(text) && Number.isSafeInteger(Number(text)) ? { value: Number(text) } : { error: 'integer' }
    }
    case 'array':
    case 'object': {
      let value: unknown
      try {
        value = JSON.parse(String(raw))
      } catch {
        return { error: 'json' }
      }
      const ok = param.kind === 'array' ? Array.isArray(value) : typeof value === 'object' && value !== null && !Array.isArray(value)
      return ok ? { value } : { error: param.kind }
    }
    default:
      return { value: String(raw) }
  }
}

/** The id fields the console offers as pickers of named things. */
export const ID_FIELDS = ['FamilyId', 'RoomId', 'DeviceId', 'ProductId', 'DeviceName'] as const
export type IdField = (typeof ID_FIELDS)[number]
export const isIdField = (name: string): name is IdField => (ID_FIELDS as readonly string[]).includes(name)

/** A device as the console names it. */
export interface NamedDevice {
  deviceId: string
  productId: string
  deviceName: string
  /** The name its owner gave it, else its DeviceName. */
  label: string
  productName: string
  familyId: string
}

/** What the console knows by name: the account's homes, and the rooms and devices read so far. */
export interface NameBook {
  homeName(familyId: string): string | undefined
  roomName(roomId: string): string | undefined
  device(deviceId: string): NamedDevice | undefined
}

/** The device a request names: DeviceId, or ProductId with DeviceName. */
export function requestDeviceId(params: Record<string, unknown>): string {
  if (typeof params.DeviceId === 'string' && params.DeviceId) return params.DeviceId
  const { ProductId, DeviceName } = params
  return typeof ProductId === 'string' && typeof DeviceName === 'string' ? `${ProductId}/${DeviceName}` : ''
}

/**
 * What a changing call acts on, for its confirmation: the home (from FamilyId, else the
 * device's home) and the device, each by name when known (`name` undefined when not).
 */
export interface CallTarget {
  home?: { id: string; name: string | undefined }
  device?: { id: string; name: string | undefined }
}

export function callTarget(params: Record<string, unknown>, book: NameBook): CallTarget {
  const target: CallTarget = {}
  const deviceId = requestDeviceId(params)
  const device = deviceId ? book.device(deviceId) : undefined
  if (deviceId) target.device = { id: deviceId, name: device?.label }
  const familyId = typeof params.FamilyId === 'string' && params.FamilyId ? params.FamilyId : device?.familyId
  if (familyId) target.home = { id: familyId, name: book.homeName(familyId) }
  return target
}
