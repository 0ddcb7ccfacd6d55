/**
 * The API console: any tokenapi action of the catalog, by name, with its parameters. The one
 * command that speaks raw cloud actions; only the console view may send it
 * (tests/renderer/raw-action-guard.test.ts).
 */
import { z } from 'zod'
import { command, contract, text } from './define'

export const apiCallResultSchema = z.object({
  action: z.string(),
  requestId: z.string(),
  /** The answer's fields, as the cloud sent them (Data flattened in). */
  data: z.record(z.string(), z.unknown()),
})
export type ApiCallResult = z.infer<typeof apiCallResultSchema>

export const consoleContract = contract({
  'api.call': command(z.object({ action: text(64), params: z.record(z.string(), z.unknown()).default({}) }), apiCallResultSchema),
})
