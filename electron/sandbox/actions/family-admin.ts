/**
 * Family Management (write side of families): create, modify, delete. Only a family's
 * administrator modifies or deletes it; deleting removes its rooms, unbinds its devices
 * (ending their shares) and tells every member.
 */
import { invalidParam } from '../api/errors'
import { familyDeleted } from '../messages/notices'
import { administeredFamily } from './access'
import { checkAddress, checkName } from './names'
import { catalogParams, type TokenApiAction } from './registry'

const appCreateFamily: TokenApiAction = {
  action: 'AppCreateFamily',
  endpoint: 'tokenapi',
  // The example answers Response.Data.FamilyId.
  shape: 'data',
  params: catalogParams('AppCreateFamily'),
  handle(ctx) {
    const name = checkName('Name', ctx.params.Name as string)
    const address = checkAddress(ctx.params.Address as string)
    const family = ctx.cloud.world.createFamily(ctx.user.userId, name, address, Math.floor(ctx.nowMs / 1000))
    return { FamilyId: family.familyId }
  },
}

const appModifyFamily: TokenApiAction = {
  action: 'AppModifyFamily',
  endpoint: 'tokenapi',
  shape: 'flat',
  // All three are required by the table: no partial update.
  params: catalogParams('AppModifyFamily'),
  handle(ctx) {
    const family = administeredFamily(ctx.cloud.world, ctx.user.userId, ctx.params.FamilyId as string)
    family.name = checkName('Name', ctx.params.Name as string)
    family.address = checkAddress(ctx.params.Address as string)
    family.updateTime = Math.floor(ctx.nowMs / 1000)
    return {}
  },
}

const appDeleteFamily: TokenApiAction = {
  action: 'AppDeleteFamily',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppDeleteFamily'),
  handle(ctx) {
    const { world } = ctx.cloud
    const family = administeredFamily(world, ctx.user.userId, ctx.params.FamilyId as string)
    // The table requires the family's name besides its id without saying why; the sandbox
    // takes it as a confirmation and refuses a name that is not the family's.
    if ((ctx.params.Name as string).trim() !== family.name) {
      throw invalidParam(`Name does not match the name of family ${family.familyId}.`)
    }
    familyDeleted(world, family, ctx.user.userId, ctx.nowMs)
    world.removeFamily(family.familyId)
    return {}
  },
}

export const familyAdminActions = [appCreateFamily, appModifyFamily, appDeleteFamily]
