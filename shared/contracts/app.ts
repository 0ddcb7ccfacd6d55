/** What the app is and where it runs. */
import { appInfoSchema } from '../domain'
import { command, contract, noArgs } from './define'

export const appContract = contract({
  'app.info': command(noArgs, appInfoSchema),
})
