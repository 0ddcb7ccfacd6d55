/** What the device actions answer: latest data, control, thing-model actions, event history. */
import { z } from 'zod'
import { int, listOf, listover, optStr } from './read'

/** A JSON object sent as text (the reference's Data, OutputParams) or as an object. */
const jsonObject = z.union([z.string(), z.record(z.string(), z.unknown()), z.null()]).optional().transform((value, ctx) => {
  if (value === undefined || value === null || value === '') return {}
  if (typeof value !== 'string') return value
  try {
    const parsed = JSON.parse(value) as unknown
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>
  } catch {
    // reported below
  }
  ctx.addIssue({ code: 'custom', message: 'not a JSON object' })
  return z.NEVER
})

/** AppGetDeviceData's Data: `{id: {Value, LastUpdate}}` as JSON text, LastUpdate in ms. */
export const deviceDataShape = z.object({ Data: jsonObject }).transform(({ Data }) => {
  const properties: Record<string, { value: unknown; lastUpdateMs: number }> = {}
  for (const [id, entry] of Object.entries(Data)) {
    if (entry && typeof entry === 'object' && 'Value' in entry) {
      const { Value, LastUpdate } = entry as { Value: unknown; LastUpdate?: unknown }
      properties[id] = { value: Value, lastUpdateMs: Number(LastUpdate) || 0 }
    }
  }
  return properties
})

export const controlShape = z.object({ ClientToken: optStr })

export const actionCallShape = z.object({ ClientToken: optStr, Status: optStr, OutputParams: jsonObject })

/** A record shown field by field, as the cloud sent it (AppGetDeviceInFamily, AppGetDeviceExtInfo). */
export const recordShape = z.record(z.string(), z.unknown())

const eventItem = z.object({
  TimeStamp: int,
  EventId: optStr,
  Type: optStr,
  Data: z.union([z.string(), z.record(z.string(), z.unknown()), z.null()]).optional().transform((v) => (typeof v === 'string' ? v : JSON.stringify(v ?? {}))),
})

export const eventHistoryShape = z.object({
  EventHistory: listOf(eventItem),
  Context: optStr,
  Listover: listover,
  Total: int.nullish().transform((v) => v ?? null),
})
