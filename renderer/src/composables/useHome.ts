/**
 * One home as the Home page shows it: its record, rooms, devices and members, read from the
 * cloud and read again after each change (the list confirms what a change did).
 */
import { computed, ref, type Ref } from 'vue'
import type { Member } from '@shared/contracts/members'
import type { Device, FamilyDetail, Room } from '@shared/domain'
import { useApi } from '@/api'

export function useHome(familyId: Ref<string>) {
  const api = useApi()
  const family = ref<FamilyDetail | null>(null)
  const rooms = ref<Room[]>([])
  const devices = ref<Device[]>([])
  const members = ref<Member[]>([])
  const error = ref<unknown>(null)
  const loading = ref(false)

  async function reloadFamily(): Promise<void> {
    family.value = await api.families.describe({ familyId: familyId.value })
  }
  async function reloadRooms(): Promise<void> {
    const id = familyId.value
    const [roomList, deviceList] = await Promise.all([api.rooms.list({ familyId: id }), api.devices.list({ familyId: id })])
    rooms.value = roomList
    devices.value = deviceList
  }
  async function reloadMembers(): Promise<void> {
    members.value = await api.members.list({ familyId: familyId.value })
  }

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      await Promise.all([reloadFamily(), reloadRooms(), reloadMembers()])
    } catch (caught) {
      error.value = caught
    } finally {
      loading.value = false
    }
  }

  const isAdmin = computed(() => family.value?.role === 1)
  return { family, rooms, devices, members, error, loading, isAdmin, load, reloadFamily, reloadRooms, reloadMembers }
}

export type HomeState = ReturnType<typeof useHome>

/** A display name for a device: the alias its owner gave it, else its DeviceName. */
export const deviceLabel = (device: Pick<Device, 'aliasName' | 'deviceName'>) => device.aliasName || device.deviceName
