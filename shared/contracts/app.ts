/** What the app is and where it runs; the desktop menu's requests to the page. */
import { z } from 'zod'
import { appInfoSchema } from '../domain'
import { command, contract, noArgs } from './define'

export const appVersionsSchema = z.object({
  app: z.string(),
  /** null in browser mode (the page reads its own browser's version). */
  electron: z.string().nullable(),
  chromium: z.string().nullable(),
  node: z.string(),
})
export type AppVersions = z.infer<typeof appVersionsSchema>

/** What a desktop menu item asks the page to show. */
export const menuActionSchema = z.enum(['about', 'shortcuts', 'support-bundle', 'settings'])
export type MenuAction = z.infer<typeof menuActionSchema>

export const appContract = contract(
  {
    'app.info': command(noArgs, appInfoSchema),
    /** For the About dialog. */
    'app.versions': command(noArgs, appVersionsSchema),
  },
  {
    /** Sent by the Electron main process when a menu item is chosen (never by the core). */
    'app.menu': z.object({ action: menuActionSchema }),
  },
)
