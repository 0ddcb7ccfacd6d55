/** Family Management (read side): families, their details and rooms. */
import { readPage, slicePage } from '../api/paging'
import type { Family, Room } from '../world/model'
import { readableFamily } from './access'
import { catalogParams, type TokenApiAction } from './registry'

/** The reference: "The return limit is a maximum of 50 items" (families and rooms). */
const MAX_LIMIT = 50

const appGetFamilyList: TokenApiAction = {
  action: 'AppGetFamilyList',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppGetFamilyList'),
  handle(ctx) {
    const page = readPage(ctx.params, MAX_LIMIT)
    const all = ctx.cloud.world.familiesOf(ctx.user.userId)
    return {
      FamilyList: slicePage(all, page).map(({ family, role }) => familyListItem(family, role)),
      Total: all.length,
    }
  },
}

function familyListItem(family: Family, role: number): Record<string, unknown> {
  return {
    FamilyId: family.familyId,
    Name: family.name,
    Role: role,
    CreateTime: family.createTime,
    UpdateTime: family.updateTime,
  }
}

const appDescribeFamily: TokenApiAction = {
  action: 'AppDescribeFamily',
  endpoint: 'tokenapi',
  // The success example nests the details in Response.Data, keyed FamilyName (not Name).
  shape: 'data',
  params: catalogParams('AppDescribeFamily'),
  handle(ctx) {
    const family = readableFamily(ctx.cloud.world, ctx.user.userId, ctx.params.FamilyId as string)
    return {
      FamilyId: family.familyId,
      FamilyName: family.name,
      Address: family.address,
      CreateTime: family.createTime,
      UpdateTime: family.updateTime,
    }
  },
}

const appGetRoomList: TokenApiAction = {
  action: 'AppGetRoomList',
  endpoint: 'tokenapi',
  shape: 'flat',
  // The table marks FamilyId optional, but rooms only exist inside a family.
  params: catalogParams('AppGetRoomList', { require: ['FamilyId'] }),
  handle(ctx) {
    const { world } = ctx.cloud
    const family = readableFamily(world, ctx.user.userId, ctx.params.FamilyId as string)
    const page = readPage(ctx.params, MAX_LIMIT)
    const rooms = world.roomsOf(family.familyId)
    return {
      RoomList: slicePage(rooms, page).map((room) => roomListItem(room, world.devicesIn(family.familyId, room.roomId).length)),
      Total: rooms.length,
    }
  },
}

function roomListItem(room: Room, deviceCount: number): Record<string, unknown> {
  return {
    RoomId: room.roomId,
    RoomName: room.name,
    DeviceNum: deviceCount,
    CreateTime: room.createTime,
    UpdateTime: room.updateTime,
  }
}

export const familyActions = [appGetFamilyList, appDescribeFamily, appGetRoomList]
