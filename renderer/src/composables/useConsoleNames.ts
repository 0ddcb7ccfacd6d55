/**
 * Names for the API console's id fields: the account's homes, and the rooms and devices of
 * the homes the form is about (read once per home through the fleet commands), so a
 * technician picks "Zhang family home" rather than pasting an opaque FamilyId.
 */
import { computed, shallowRef, watch, type Ref } from 'vue'
import type { Device, Room } from '@shared/domain'
import { useDesk } from '@/bridge'
import { useFleetStore } from '@/stores/fleet'
import { deviceLabel } from '@/utils/device-filter'
import type { IdField, NameBook, NamedDevice } from '@/utils/console-form'

export interface IdOption {
  value: string
  /** The name people know it by. */
  label: string
  /** Extra words: the home of a room, the product of a device. */
  sub: string
  /** For device options: fills ProductId and DeviceName together. */
  device?: NamedDevice
}

interface HomeContents {
  rooms: Room[]
  devices: NamedDevice[]
}

function named(d: Device): NamedDevice {
  return { deviceId: d.deviceId, productId: d.productId, deviceName: d.deviceName, label: deviceLabel(d), productName: d.productName, familyId: d.familyId }
}

/** `homes`: the home ids the form is about (its FamilyId, the selected home, the last device's). */
export function useConsoleNames(homes: Ref<string[]>) {
  const fleet = useFleetStore()
  const contents = shallowRef(new Map<string, HomeContents>())
  const asked = new Set<string>()

  async function readHome(familyId: string): Promise<void> {
    if (asked.has(familyId) || !fleet.families.some((f) => f.familyId === familyId)) return
    asked.add(familyId)
    try {
      const desk = useDesk()
      const [rooms, devices] = await Promise.all([desk.call('rooms.list', { familyId }), desk.call('devices.list', { familyId })])
      contents.value = new Map(contents.value).set(familyId, { rooms, devices: devices.map(named) })
    } catch {
      asked.delete(familyId) // names are a help: without them the ids still work; try again later
    }
  }

  if (fleet.familiesStatus === 'idle') void fleet.loadFamilies()
  watch([homes, () => fleet.families], () => homes.value.forEach((id) => void readHome(id)), { immediate: true })

  const allRooms = computed(() => [...contents.value.entries()].flatMap(([familyId, c]) => c.rooms.map((r) => ({ familyId, room: r }))))
  const allDevices = computed(() => [...contents.value.values()].flatMap((c) => c.devices))
  const homeName = (familyId: string) => fleet.families.find((f) => f.familyId === familyId)?.name

  const book: NameBook = {
    homeName,
    roomName: (roomId) => allRooms.value.find((r) => r.room.roomId === roomId)?.room.name,
    device: (deviceId) => allDevices.value.find((d) => d.deviceId === deviceId),
  }

  /** The choices of one id field; rooms and devices of the form's home first when it has one. */
  function options(field: IdField, familyId: string): IdOption[] {
    const inHome = <T extends { familyId: string }>(list: T[]) => (familyId && list.some((x) => x.familyId === familyId) ? list.filter((x) => x.familyId === familyId) : list)
    switch (field) {
      case 'FamilyId':
        return fleet.families.map((f) => ({ value: f.familyId, label: f.name, sub: '' }))
      case 'RoomId':
        return inHome(allRooms.value).map(({ familyId: home, room }) => ({ value: room.roomId, label: room.name, sub: homeName(home) ?? '' }))
      case 'ProductId': {
        const products = new Map(inHome(allDevices.value).map((d) => [d.productId, d.productName]))
        return [...products].map(([value, label]) => ({ value, label, sub: '' }))
      }
      case 'DeviceId':
        return inHome(allDevices.value).map((d) => ({ value: d.deviceId, label: d.label, sub: d.productName, device: d }))
      case 'DeviceName':
        return inHome(allDevices.value).map((d) => ({ value: d.deviceName, label: d.label, sub: d.productName, device: d }))
    }
  }

  return { book, options }
}
