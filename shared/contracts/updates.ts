/** Updates of the installed app: checking, downloading with progress, restarting into the new version. */
import { z } from 'zod'
import { command, contract, noArgs } from './define'

export const updateStateSchema = z.object({
  status: z.enum([
    'unsupported', // not an installed build (browser mode, development): nothing to update
    'idle',
    'checking',
    'up-to-date',
    'downloading',
    'ready', // downloaded: a restart installs it
    'error',
  ]),
  currentVersion: z.string(),
  /** The version offered (downloading, ready). */
  version: z.string().optional(),
  /** Download progress, 0–100. */
  percent: z.number().min(0).max(100).optional(),
  transferredBytes: z.number().optional(),
  totalBytes: z.number().optional(),
  /** Why the last check or download failed: the server unreachable, or its answer unusable. */
  error: z.object({ reason: z.enum(['unreachable', 'invalid', 'failed']), message: z.string() }).optional(),
  /** When the last check finished (ms since the epoch). */
  checkedAtMs: z.number().optional(),
})
export type UpdateState = z.infer<typeof updateStateSchema>

export const updatesContract = contract(
  {
    'updates.state': command(noArgs, updateStateSchema),
    /** Checks now (a newer version is downloaded at once); answers the state after the check. */
    'updates.check': command(noArgs, updateStateSchema),
    /** Quits and installs the downloaded version; refused unless one is ready. */
    'updates.install': command(noArgs, z.object({ installing: z.literal(true) })),
  },
  {
    'updates.changed': updateStateSchema,
  },
)
