import { actionEntries } from '../../../shared/api'
import type { AuditLog } from './audit-log'
import { ApiError } from '../api/api-error'
import type { CallOptions, Params } from '../api/cloud-client'
import type { CloudReply } from '../api/envelope'
import { redact, secretValuesIn } from '../log/redaction'

export interface Actor {
  profileId: string
  profileName: string
  account: string
}

/**
 * Whether a call changes something in the cloud or on a device (catalog flag); for the
 * music action it depends on the KGCommand (user_logout changes, the listings do not).
 */
export function isMutating(action: string, params: Params = {}): boolean {
  const entries = actionEntries(action)
  const entry = entries.length > 1 ? entries.find((e) => e.subcommand === params.KGCommand) : entries[0]
  return entry?.mutating ?? false
}

/** The device a call is about: its DeviceId, or ProductId and DeviceName ('' when none). */
export function deviceIdOf(params: Params): string {
  if (typeof params.DeviceId === 'string' && params.DeviceId) return params.DeviceId
  const { ProductId, DeviceName } = params
  return typeof ProductId === 'string' && typeof DeviceName === 'string' && ProductId && DeviceName ? `${ProductId}/${DeviceName}` : ''
}

/** The name people know a device by; without a known alias, the DeviceName part of its id. */
function deviceNameOf(params: Params, nameOf: (deviceId: string) => string | undefined): string {
  const deviceId = deviceIdOf(params)
  if (!deviceId) return ''
  return nameOf(deviceId) || deviceId.slice(deviceId.indexOf('/') + 1)
}

/**
 * Writes every mutating call into the audit log once its outcome is known, with its
 * RequestId and parameters stripped of secrets. Reads pass straight through.
 */
export function recordChanges(
  log: AuditLog,
  actor: () => Actor | null,
  secrets: () => string[],
  call: (action: string, params: Params, options?: CallOptions) => Promise<CloudReply>,
  now: () => number = Date.now,
  nameOf: (deviceId: string) => string | undefined = () => undefined,
) {
  return async (action: string, params: Params, options?: CallOptions): Promise<CloudReply> => {
    if (!isMutating(action, params)) return call(action, params, options)
    const who = actor()
    const base = {
      timeMs: now(),
      profileId: who?.profileId ?? '',
      profileName: who?.profileName ?? '',
      account: who?.account ?? '',
      action,
      deviceName: deviceNameOf(params, nameOf),
      params: JSON.stringify(redact(params, secrets())),
    }
    try {
      const reply = await call(action, params, options)
      log.record({ ...base, requestId: reply.requestId, outcome: 'ok', errorCode: '', errorMessage: '' })
      return reply
    } catch (error) {
      const failure = error instanceof ApiError ? error : null
      log.record({
        ...base,
        requestId: failure?.requestId ?? '',
        outcome: 'error',
        errorCode: failure?.code ?? 'Desk.Internal',
        // The cloud may quote what it was sent: the call's own secret values are cut too.
        errorMessage: String(redact(failure?.message ?? String(error), [...secrets(), ...secretValuesIn(params)])),
      })
      throw error
    }
  }
}
