/**
 * The devices a history view shows and their products' thing models: labels from the
 * family's device list (loaded if the view was opened directly), properties and event
 * names from products.list.
 */
import { computed, ref, watch, type Ref } from 'vue'
import type { Product } from '@shared/domain'
import type { BridgeError } from '@shared/errors'
import type { PropertySpec } from '@shared/thing-model'
import { toBridgeError, useDesk } from '@/bridge'
import { useFleetStore } from '@/stores/fleet'
import { deviceLabel } from '@/utils/device-filter'
import { splitDeviceId } from '@shared/device-id'

export interface HistoryDevice {
  deviceId: string
  productId: string
  label: string
  product: Product | null
}

export function useHistoryDevices(familyId: Ref<string>, deviceIds: Ref<string[]>) {
  const fleet = useFleetStore()
  const products = ref<Product[]>([])
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const error = ref<BridgeError | null>(null)
  let seq = 0

  const devices = computed<HistoryDevice[]>(() =>
    deviceIds.value.map((deviceId) => {
      const known = fleet.contentsFamilyId === familyId.value ? fleet.devices.find((d) => d.deviceId === deviceId) : undefined
      const [idProduct, idName] = splitDeviceId(deviceId)
      const productId = known?.productId ?? idProduct
      const label = known ? deviceLabel(known) : idName || deviceId
      return { deviceId, productId, label, product: products.value.find((p) => p.productId === productId) ?? null }
    }),
  )

  /** Every property of the devices' products, once per id, in template order. */
  const properties = computed<PropertySpec[]>(() => {
    const seen = new Map<string, PropertySpec>()
    for (const d of devices.value) for (const p of d.product?.thingModel.properties ?? []) if (!seen.has(p.id)) seen.set(p.id, p)
    return [...seen.values()]
  })

  async function load(): Promise<void> {
    const mine = ++seq
    if (familyId.value && fleet.contentsFamilyId !== familyId.value) void fleet.loadFamilyContents(familyId.value)
    const productIds = [...new Set(deviceIds.value.map((id) => splitDeviceId(id)[0]).filter(Boolean))]
    if (productIds.length === 0) {
      products.value = []
      status.value = 'ready'
      return
    }
    status.value = 'loading'
    try {
      const list = await useDesk().call('products.list', { productIds })
      if (mine !== seq) return
      products.value = list
      status.value = 'ready'
      error.value = null
    } catch (failure) {
      if (mine !== seq) return
      status.value = 'error'
      error.value = toBridgeError(failure)
    }
  }

  watch([familyId, deviceIds], () => void load(), { immediate: true })

  return { devices, properties, status, error, load }
}
