/**
 * What a home's Automation page works from: its devices with their thing models (for the
 * editors' forms and the sentences' names), its scenes and its automations, each read with
 * its own loading and error state. The devices are watched live so a scene's run shows
 * each device's confirmation as it is pushed.
 */
import { computed, ref, type Ref } from 'vue'
import type { Device, FamilyDetail, Product } from '@shared/domain'
import type { Automation, Scene } from '@shared/schedule'
import { useApi } from '@/api'
import { deviceLabel } from '@/composables/useHome'
import { useLiveStore } from '@/stores/live'
import type { ModelOf } from '@/utils/schedule-drafts'
import type { ScheduleNames } from '@/utils/schedule-text'

const PRODUCT_BATCH = 100

function section<T>(initial: T) {
  return { data: ref(initial) as Ref<T>, loading: ref(false), error: ref<unknown>(null) }
}

async function track<T>(part: ReturnType<typeof section<T>>, read: () => Promise<T>): Promise<void> {
  part.loading.value = true
  part.error.value = null
  try {
    part.data.value = await read()
  } catch (error) {
    part.error.value = error
  } finally {
    part.loading.value = false
  }
}

export function useHomeSchedule(familyId: Ref<string>) {
  const api = useApi()
  const live = useLiveStore()
  const family = ref<FamilyDetail | null>(null)
  const devices = section<Device[]>([])
  const products = ref(new Map<string, Product>())
  const scenes = section<Scene[]>([])
  const automations = section<Automation[]>([])

  async function loadDevices(): Promise<void> {
    await track(devices, async () => {
      const [detail, list] = await Promise.all([api.families.describe({ familyId: familyId.value }), api.devices.list({ familyId: familyId.value })])
      family.value = detail
      const ids = [...new Set(list.map((d) => d.productId))]
      const found = new Map<string, Product>()
      for (let i = 0; i < ids.length; i += PRODUCT_BATCH) {
        for (const p of await api.products.list({ productIds: ids.slice(i, i + PRODUCT_BATCH) })) found.set(p.productId, p)
      }
      products.value = found
      return list
    })
    void live.watchDevices(devices.data.value.map((d) => d.deviceId))
  }
  const loadScenes = () => track(scenes, () => api.scenes.list({ familyId: familyId.value }))
  const loadAutomations = () => track(automations, () => api.automations.describeAll({ familyId: familyId.value }))

  async function load(): Promise<void> {
    await Promise.all([loadDevices(), loadScenes(), loadAutomations()])
  }

  const byId = computed(() => new Map(devices.data.value.map((d) => [d.deviceId, d])))
  const modelOf: ModelOf = (deviceId) => {
    const device = byId.value.get(deviceId)
    return device ? products.value.get(device.productId)?.thingModel : undefined
  }
  const names = computed<ScheduleNames>(() => {
    const sceneNames = new Map(scenes.data.value.map((s) => [s.sceneId, s.name]))
    return {
      device: (id) => {
        const device = byId.value.get(id)
        return device ? deviceLabel(device) : undefined
      },
      property: (id, propertyId) => modelOf(id)?.properties.find((p) => p.id === propertyId),
      scene: (id) => sceneNames.get(id),
    }
  })
  const deviceChoices = computed(() => devices.data.value.map((d) => ({ deviceId: d.deviceId, name: deviceLabel(d) })))
  const sceneChoices = computed(() => scenes.data.value.map((s) => ({ sceneId: s.sceneId, name: s.name })))

  return { family, devices, scenes, automations, load, loadDevices, loadScenes, loadAutomations, modelOf, names, deviceChoices, sceneChoices }
}

export type HomeSchedule = ReturnType<typeof useHomeSchedule>
