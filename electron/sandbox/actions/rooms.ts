/**
 * Family Management (rooms): create, rename, delete. Only the family's administrator
 * manages rooms. Deleting a room moves its devices to the default room "0", which itself
 * can be neither renamed nor deleted.
 */
import { invalidParam } from '../api/errors'
import { DEFAULT_ROOM_ID, type Family, type Room } from '../world/model'
import type { World } from '../world/world'
import { administeredFamily } from './access'
import { checkName } from './names'
import { catalogParams, type TokenApiAction } from './registry'

const appCreateRoom: TokenApiAction = {
  action: 'AppCreateRoom',
  endpoint: 'tokenapi',
  // The example answers Response.Data.RoomId (a number there; a string as the table types it here).
  shape: 'data',
  params: catalogParams('AppCreateRoom'),
  handle(ctx) {
    const { world } = ctx.cloud
    const family = administeredFamily(world, ctx.user.userId, ctx.params.FamilyId as string)
    const name = uniqueName(world, family, ctx.params.Name as string)
    const room = world.createRoom(family.familyId, name, Math.floor(ctx.nowMs / 1000))
    return { RoomId: room.roomId }
  },
}

const appModifyRoom: TokenApiAction = {
  action: 'AppModifyRoom',
  endpoint: 'tokenapi',
  shape: 'flat',
  // The table marks Name optional, but it is the only thing a room has to modify.
  params: catalogParams('AppModifyRoom', { require: ['Name'] }),
  handle(ctx) {
    const { world } = ctx.cloud
    const family = administeredFamily(world, ctx.user.userId, ctx.params.FamilyId as string)
    const room = roomOf(world, family, ctx.params.RoomId as string)
    const name = uniqueName(world, family, ctx.params.Name as string, room)
    room.name = name
    room.updateTime = Math.floor(ctx.nowMs / 1000)
    return {}
  },
}

const appDeleteRoom: TokenApiAction = {
  action: 'AppDeleteRoom',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppDeleteRoom'),
  handle(ctx) {
    const { world } = ctx.cloud
    const family = administeredFamily(world, ctx.user.userId, ctx.params.FamilyId as string)
    const room = roomOf(world, family, ctx.params.RoomId as string)
    world.removeRoom(room.roomId)
    return {}
  },
}

function roomOf(world: World, family: Family, roomId: string): Room {
  if (roomId === DEFAULT_ROOM_ID) throw invalidParam('The default room "0" cannot be modified or deleted.')
  const room = world.rooms.get(roomId)
  if (!room || room.familyId !== family.familyId) throw invalidParam(`Room ${roomId} is not a room of family ${family.familyId}.`)
  return room
}

/** Two rooms of a family may not share a name (sandbox choice: the list shows names only). */
function uniqueName(world: World, family: Family, raw: string, self?: Room): string {
  const name = checkName('Name', raw)
  const clash = world.roomsOf(family.familyId).some((r) => r !== self && r.name === name)
  if (clash) throw invalidParam(`Family ${family.familyId} already has a room named "${name}".`)
  return name
}

export const roomActions = [appCreateRoom, appModifyRoom, appDeleteRoom]
