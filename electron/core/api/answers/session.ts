/** What the sign-in actions answer (AppGetToken, AppGetTokenByWeiXin, a token broker). */
import { z } from 'zod'
import { int } from './read'

export const tokenShape = z.object({ Token: z.string().min(1), ExpireAt: int })
