/**
 * "Answered a test control", decided from what the app itself knows:
 * - the audit log holds every AppControlDeviceData sent through this app, with its time,
 *   the values sent and whether the cloud took it;
 * - the device's latest reported values (AppGetDeviceData) say what it runs now and when it
 *   last reported each property.
 * The newest control the cloud took is confirmed when the device reports every property it
 * set at that value, reported no earlier than the control was sent (less CLOCK_SLACK_MS for
 * the cloud's clock against this machine's). A device that has since been switched by other
 * means counts as not confirmed: send the test again.
 */
import type { AuditEntry } from '../../../shared/domain'
import type { TestResult } from '../../../shared/contracts/commissioning'
import type { PropertyValue } from '../../../shared/live'
import { deviceIdOf } from '../audit/change-recorder'

export const CLOCK_SLACK_MS = 60_000

export interface SentControl {
  atMs: number
  values: Record<string, unknown>
  outcome: 'ok' | 'error'
  errorCode: string
  errorMessage: string
}

/** The controls of one device among audit entries (newest first, as the log lists them). */
export function controlsOf(entries: readonly AuditEntry[], deviceId: string): SentControl[] {
  return entries.flatMap((entry) => {
    const params = parse(entry.params)
    if (entry.action !== 'AppControlDeviceData' || !params || deviceIdOf(params) !== deviceId) return []
    const values = typeof params.Data === 'string' ? parse(params.Data) : null
    if (!values) return []
    return [{ atMs: entry.timeMs, values, outcome: entry.outcome, errorCode: entry.errorCode, errorMessage: entry.errorMessage }]
  })
}

/** The test result of a device from its controls (newest first) and, when any was taken, its reported values. */
export function testResultOf(controls: readonly SentControl[], data: Record<string, PropertyValue> | null): TestResult & { error?: SentControl } {
  const taken = controls.find((c) => c.outcome === 'ok')
  if (!taken) {
    const refused = controls[0]
    return refused ? { outcome: 'refused', atMs: refused.atMs, values: JSON.stringify(refused.values), error: refused } : { outcome: 'never', atMs: 0, values: '' }
  }
  const confirmed = data !== null && Object.entries(taken.values).every(([id, sent]) => reportedAfter(data[id], sent, taken.atMs))
  return { outcome: confirmed ? 'confirmed' : 'not-confirmed', atMs: taken.atMs, values: JSON.stringify(taken.values) }
}

function reportedAfter(reported: PropertyValue | undefined, sent: unknown, atMs: number): boolean {
  return reported !== undefined && reported.lastUpdateMs >= atMs - CLOCK_SLACK_MS && sameValue(reported.value, sent)
}

/** Values compare as JSON; a number and its text ("1" and 1) are the same, as devices report either. */
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' && typeof b !== 'object') return String(a) === String(b)
  return JSON.stringify(a) === JSON.stringify(b)
}

function parse(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}
