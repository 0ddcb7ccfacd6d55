/**
 * What the detail page shows about a device besides live data: its family record (from the
 * fleet store), its product and thing model, and the cloud's detail and ext info.
 */
import { computed, ref, watch, type Ref } from 'vue'
import type { Product } from '@shared/domain'
import type { CloudRecord } from '@shared/contracts/device'
import { useApi } from '@/api'
import { useFleetStore } from '@/stores/fleet'
import { useWorkContextStore } from '@/stores/work-context'
import { splitDeviceId } from '@shared/device-id'

export interface Fetched<T> {
  value: T | null
  error: unknown
  loading: boolean
}

const fetched = <T>(): Fetched<T> => ({ value: null, error: null, loading: false })

export function useDeviceRecord(familyId: Ref<string>, deviceId: Ref<string>) {
  const api = useApi()
  const fleet = useFleetStore()
  const context = useWorkContextStore()

  const device = computed(() => (fleet.contentsFamilyId === familyId.value ? fleet.devices.find((d) => d.deviceId === deviceId.value) ?? null : null))
  const room = computed(() => fleet.rooms.find((r) => r.roomId === device.value?.roomId) ?? null)
  const listLoading = computed(() => fleet.devicesStatus === 'loading' || fleet.devicesStatus === 'idle')
  const product = ref<Fetched<Product>>(fetched())
  const info = ref<Fetched<CloudRecord>>(fetched())
  const extInfo = ref<Fetched<CloudRecord>>(fetched())

  /** After a rename, move or delete: the family's list is what every view reads. */
  async function reloadFamily(): Promise<void> {
    await fleet.loadFamilyContents(familyId.value)
  }

  async function loadInto<T>(target: Ref<Fetched<T>>, load: () => Promise<T>): Promise<void> {
    target.value = { value: target.value.value, error: null, loading: true }
    try {
      target.value = { value: await load(), error: null, loading: false }
    } catch (error) {
      target.value = { value: null, error, loading: false }
    }
  }

  function loadProduct(): Promise<void> {
    const [productId] = splitDeviceId(deviceId.value)
    return loadInto(product, async () => {
      const [found] = await api.products.list({ productIds: [productId] })
      if (!found) throw new Error(`Product ${productId} is not available to this account.`)
      return found
    })
  }

  function loadInfo(): Promise<void> {
    return loadInto(info, () => api.device.describe({ familyId: familyId.value, deviceId: deviceId.value }))
  }

  function loadExtInfo(): Promise<void> {
    return loadInto(extInfo, () => api.device.extInfo({ deviceId: deviceId.value }))
  }

  async function loadAll(): Promise<void> {
    if (fleet.contentsFamilyId !== familyId.value || fleet.devicesStatus === 'idle' || fleet.devicesStatus === 'error') {
      void reloadFamily()
    }
    await Promise.all([loadProduct(), loadInfo(), loadExtInfo()])
  }

  watch(
    () => device.value && { ...device.value },
    (d) => {
      if (d) context.rememberDevice({ familyId: d.familyId, productId: d.productId, deviceName: d.deviceName, roomId: d.roomId })
    },
    { immediate: true },
  )

  return { device, room, listLoading, product, info, extInfo, loadAll, loadProduct, loadInfo, loadExtInfo, reloadFamily }
}
