/**
 * Music Service: one Action, AppKugouUserCommand, whose KGCommand picks the operation
 * (music/commands.ts documents the eight and their designed parameters and results).
 *
 * Envelope: two of the eight examples (song_url, awesome_everyday) print
 * `{Response: {Data, ErrorCode, ErrorMsg, RequestId}}`; the other six print ErrorCode,
 * ErrorMsg and RequestId after Response's closing brace (docs/api-decisions.md §3), which no other
 * section of the reference does and no Tencent API 3.0 client reads. The sandbox answers
 * all eight with the first form: Response {Data, ErrorCode: 0, ErrorMsg: "", RequestId}.
 * ErrorCode/ErrorMsg are the music layer (e.g. no Kugou account logged in on the device);
 * a bad request is an ordinary Response.Error.
 *
 * Errors: the tables are copied from the gateway-binding actions (docs/api-decisions.md §4.8), so the
 * sandbox uses the codes that fit: InvalidParameterValue for an unknown KGCommand, song,
 * playlist or bad KugouParams; ResourceNotFound.DeviceNotExist (listed) for an unknown
 * device; the sandbox-wide InvalidParameterValue.NoPermission for another user's device.
 * Any device a user can read may use the service, not only the catalogue's Smart Speaker
 * (the cloud does not tie the service to a category).
 */
import { invalidParam } from '../api/errors'
import { mediaSigner } from '../media/signer'
import { publicOrigin } from '../media/urls'
import { KUGOU_COMMANDS } from '../music/commands'
import { readableDevice } from './access'
import { catalogParams, type TokenApiAction } from './registry'

/** The KGCommands the reference documents, in its order. */
export const KG_COMMANDS = Object.keys(KUGOU_COMMANDS)

const appKugouUserCommand: TokenApiAction = {
  action: 'AppKugouUserCommand',
  endpoint: 'tokenapi',
  shape: 'flat',
  // The eight entries share one parameter table (KGCommand, DeviceId, KugouParams).
  params: catalogParams('AppKugouUserCommand'),
  handle(ctx) {
    const name = ctx.params.KGCommand as string
    const command = Object.hasOwn(KUGOU_COMMANDS, name) ? KUGOU_COMMANDS[name] : undefined
    if (!command) throw invalidParam(`KGCommand ${name} is not one of ${KG_COMMANDS.join(', ')}.`)
    const { world } = ctx.cloud
    const device = readableDevice(world, ctx.user.userId, ctx.params.DeviceId as string)
    const result = command({
      world,
      user: ctx.user,
      device,
      params: ctx.params.KugouParams as Record<string, unknown>,
      nowSec: Math.floor(ctx.nowMs / 1000),
      origin: publicOrigin(ctx.cloud),
      signer: mediaSigner(ctx.cloud.options),
    })
    return { Data: result.data, ErrorCode: result.errorCode ?? 0, ErrorMsg: result.errorMsg ?? '' }
  },
}

export const musicActions = [appKugouUserCommand]
