/** Firmware: one device's upgrade, and staged fleet rollouts. Defaults here are the plan an operator gets without choosing. */
import { z } from 'zod'
import { DEVICE_ROLLOUT_STATES, deviceVersionSchema, otaCheckSchema, rolloutBoardSchema, rolloutPreviewSchema, rolloutProgressSchema, rolloutSummarySchema } from '../rollout'
import { command, contract, noArgs } from './define'

const id = z.string().trim().min(1).max(128)
const version = z.string().trim().min(1).max(32)

export const rolloutSelectionSchema = z
  .object({
    familyIds: z.array(id).max(100).optional(),
    roomIds: z.array(id).max(1000).optional(),
    productIds: z.array(id).max(100).optional(),
    versions: z.array(version).max(100).optional(),
    deviceIds: z.array(id).max(10_000).optional(),
  })
  .strict()

const offlinePolicySchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('skip') }).strict(),
  z
    .object({
      mode: z.literal('wait'),
      maxWaitMs: z.number().int().min(1_000).max(7 * 86_400_000),
      then: z.enum(['skip', 'fail']).default('skip'),
    })
    .strict(),
])

const ascending = (steps: number[]) => steps.every((step, i) => i === 0 || step > (steps[i - 1] as number))

export const rolloutPlanInputSchema = z
  .object({
    canary: z.number().int().min(0).max(1_000).default(1),
    /** Cumulative percentages; 100 is added at the end when missing. */
    steps: z
      .array(z.number().gt(0).max(100))
      .min(1)
      .max(20)
      .refine(ascending, 'steps must rise (cumulative percentages, e.g. 10, 50, 100)')
      .default([10, 50, 100]),
    concurrency: z.number().int().min(1).max(200).default(10),
    maxFailedPercent: z.number().min(0).max(100).default(10),
    offline: offlinePolicySchema.default({ mode: 'skip' }),
    deviceTimeoutMs: z.number().int().min(1_000).max(86_400_000).default(30 * 60_000),
  })
  .strict()

const rolloutId = z.object({ rolloutId: id }).strict()

const csvExportSchema = z.object({ csv: z.string(), count: z.number() })

export const firmwareContract = contract(
  {
    /** One device's current and available version, the target's details, and its upgrade status. */
    'ota.check': command(z.object({ deviceId: id }).strict(), otaCheckSchema),
    /** The version each device runs, by the cloud's firmware check only (a few at a time in main). */
    'ota.versions': command(z.object({ deviceIds: z.array(id).min(1).max(200) }).strict(), z.array(deviceVersionSchema)),
    /** Confirms one device's upgrade to the version the user was shown (a one-device rollout). */
    'ota.upgradeDevice': command(
      z.object({ deviceId: id, targetVersion: version, deviceTimeoutMs: z.number().int().min(1_000).max(86_400_000).optional() }).strict(),
      rolloutSummarySchema,
    ),
    /** Which devices of a selection can upgrade, and to what. */
    'rollout.preview': command(z.object({ selection: rolloutSelectionSchema }).strict(), rolloutPreviewSchema),
    'rollout.create': command(
      z
        .object({
          name: z.string().trim().min(1).max(80),
          selection: rolloutSelectionSchema,
          plan: rolloutPlanInputSchema.default(rolloutPlanInputSchema.parse({})),
        })
        .strict(),
      rolloutSummarySchema,
    ),
    'rollout.start': command(rolloutId, rolloutSummarySchema),
    'rollout.pause': command(rolloutId, rolloutSummarySchema),
    /** Continues a paused rollout, or one left running when the app stopped. */
    'rollout.resume': command(rolloutId, rolloutSummarySchema),
    'rollout.cancel': command(rolloutId, rolloutSummarySchema),
    /** Publishes these failed or skipped devices once more (the only way to publish twice). */
    'rollout.retry': command(z.object({ rolloutId: id, deviceIds: z.array(id).min(1).max(10_000) }).strict(), rolloutSummarySchema),
    'rollout.list': command(noArgs, z.array(rolloutSummarySchema)),
    /** The board: summary, waves, and a page of devices (optionally of some states or one wave). */
    'rollout.get': command(
      z
        .object({
          rolloutId: id,
          offset: z.number().int().nonnegative().default(0),
          limit: z.number().int().min(1).max(10_000).default(1_000),
          states: z.array(z.enum(DEVICE_ROLLOUT_STATES)).max(DEVICE_ROLLOUT_STATES.length).optional(),
          wave: z.number().int().nonnegative().optional(),
        })
        .strict(),
      rolloutBoardSchema,
    ),
    'rollout.exportCsv': command(rolloutId, csvExportSchema),
  },
  {
    /** Rollouts that changed, at most one event per 250 ms. */
    'rollout.progress': z.array(rolloutProgressSchema),
  },
)

export type RolloutSelectionInput = z.input<typeof rolloutSelectionSchema>
export type RolloutPlanInput = z.input<typeof rolloutPlanInputSchema>
