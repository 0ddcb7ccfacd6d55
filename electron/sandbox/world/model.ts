/**
 * The sandbox cloud's state, as entities. Nothing here knows about HTTP or envelopes:
 * actions read and change these, and later the push, history and OTA simulations will too.
 * Times are Unix seconds unless the name says Ms.
 */
import type { DataTemplate } from './thing-model'

export interface User {
  userId: string
  nickName: string
  avatar: string
  email?: string
  countryCode?: string
  phoneNumber?: string
  password?: string
  wxOpenId?: string
  createTime: number
}

/** Role in a family, as AppGetFamilyList reports it: 1 administrator, 0 ordinary member. */
export type FamilyRole = 0 | 1

export interface Family {
  familyId: string
  name: string
  address: string
  ownerId: string
  /** userId -> role; the owner is in here as 1. */
  members: Map<string, FamilyRole>
  createTime: number
  updateTime: number
}

/** RoomId of a family's implicit default room (the reference's "0"); never listed as a room. */
export const DEFAULT_ROOM_ID = '0'

export interface Room {
  roomId: string
  familyId: string
  name: string
  createTime: number
  updateTime: number
}

/** What kind of thing a product is; drives generation and, later, simulation. */
export type ProductKind = 'light' | 'plug' | 'gateway' | 'sensor' | 'camera' | 'speaker'

export interface Product {
  productId: string
  kind: ProductKind
  name: string
  description: string
  /** 'wifi' or 'else' as in the reference's examples. */
  netType: string
  categoryId: number
  productType: number
  /** 0 ordinary, 1 gateway, 2 sub-device: what its devices report as DeviceType. */
  deviceType: DeviceType
  dataTemplate: DataTemplate
  updateTime: number
}

/** 0 ordinary, 1 gateway, 2 sub-device (reference, AppGetDeviceInFamily example comment). */
export type DeviceType = 0 | 1 | 2

export interface PropertyState {
  value: PropertyValue
  lastUpdateMs: number
}

export type PropertyValue = number | string | { [field: string]: number | string }

export interface Device {
  /** `ProductId/DeviceName`. */
  deviceId: string
  productId: string
  deviceName: string
  aliasName: string
  /** The user who bound it (the reference's UserID). */
  ownerId: string
  familyId: string
  /** A room of the family, or DEFAULT_ROOM_ID. */
  roomId: string
  iconUrl: string
  deviceType: DeviceType
  /** For sub-devices: the gateway's deviceId. */
  gatewayId?: string
  online: boolean
  properties: Map<string, PropertyState>
  createTime: number
  updateTime: number
}

/**
 * A message in a user's inbox (AppGetMessages): device alarms, family notices and
 * notifications from scenes/automations. Fields follow the reference's Msgs example.
 */
export interface Message {
  msgId: string
  userId: string
  /** 1 device, 2 family, 3 notification (AppGetMessages Category). */
  category: 1 | 2 | 3
  msgType: number
  title: string
  content: string
  familyId: string
  productId: string
  deviceName: string
  fromUserId: string
  /** Unix milliseconds (the example's MsgTimestamp). */
  msgTimestamp: number
  attachments?: Record<string, unknown>
  /** As they were when the message was left (the family or device may be gone since). */
  familyName?: string
  deviceAlias?: string
  /** The other user a notice is about (the example's RelateUserID), e.g. the new member. */
  relateUserId?: string
}
