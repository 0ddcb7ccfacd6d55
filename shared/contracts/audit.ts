/** The audit log: every change made through the app, with its RequestId. */
import { z } from 'zod'
import { auditFilterSchema, auditPageSchema } from '../domain'
import { command, contract } from './define'

export const auditContract = contract({
  'audit.list': command(auditFilterSchema, auditPageSchema),
  'audit.export': command(auditFilterSchema.omit({ limit: true, offset: true }), z.object({ csv: z.string(), count: z.number() })),
})
