/** Help → Support bundle: what goes in it (shown before saving), and saving it. */
import { z } from 'zod'
import { command, contract, noArgs } from './define'

/** Each part of the bundle, for the renderer to name in the user's language. */
export const bundlePartSchema = z.enum(['versions', 'profiles', 'settings', 'audit', 'push', 'log'])
export type BundlePart = z.infer<typeof bundlePartSchema>

export const bundleEntrySchema = z.object({
  /** The file's path inside the zip. */
  name: z.string(),
  part: bundlePartSchema,
  bytes: z.number(),
  /** How many items it holds (audit entries, log lines, profiles), where that means something. */
  items: z.number().optional(),
})
export type BundleEntry = z.infer<typeof bundleEntrySchema>

export const bundlePreviewSchema = z.object({
  fileName: z.string(),
  entries: z.array(bundleEntrySchema),
  /** The host shows a save dialog (Electron); otherwise the page downloads the zip itself. */
  savesWithDialog: z.boolean(),
})
export type BundlePreview = z.infer<typeof bundlePreviewSchema>

export const bundleSavedSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('saved'), path: z.string(), bytes: z.number() }),
  z.object({ outcome: z.literal('cancelled') }),
  /** Browser mode: the zip itself, for the page to download. */
  z.object({ outcome: z.literal('download'), fileName: z.string(), base64: z.string(), bytes: z.number() }),
])
export type BundleSaved = z.infer<typeof bundleSavedSchema>

export const supportContract = contract({
  'support.preview': command(noArgs, bundlePreviewSchema),
  'support.save': command(noArgs, bundleSavedSchema),
})
