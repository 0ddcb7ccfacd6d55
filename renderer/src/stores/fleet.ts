import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { Device, Family, Product, Room } from '@shared/domain'
import type { BridgeError } from '@shared/errors'
import { toBridgeError, useDesk } from '@/bridge'
import { readPref, writePref } from '@/utils/storage'
import { useFirmwareStore } from './firmware'
import { useSessionStore, type LoadStatus } from './session'

export const FAMILY_STORAGE_KEY = 'explorer-desk.family'

/**
 * Streamed rows reach the list at most this often (the first ones at once), less often as it
 * grows: each showing re-sorts the new rows into the list and re-filters all of it.
 */
const streamShowMs = (rows: number) => Math.min(2_000, Math.max(250, rows / 25))

/** A devices.list whose rows arrive page by page in 'devices.progress' events. */
interface DeviceStream {
  id: string
  rows: Device[]
  /** Shown as they come (a first load); a refresh keeps the old list until the new one is whole. */
  live: boolean
  timer: ReturnType<typeof setTimeout> | null
}

/** The family last worked on, remembered per account so another account never inherits it. */
function readSelected(owner: string): string | null {
  try {
    const saved = JSON.parse(readPref(FAMILY_STORAGE_KEY) ?? 'null') as { owner?: unknown; familyId?: unknown } | null
    return saved?.owner === owner && typeof saved.familyId === 'string' ? saved.familyId : null
  } catch {
    return null
  }
}

export const useFleetStore = defineStore('fleet', () => {
  const session = useSessionStore()

  const families = ref<Family[]>([])
  const familiesStatus = ref<LoadStatus>('idle')
  const familiesError = ref<BridgeError | null>(null)
  const selectedFamilyId = ref<string | null>(null)

  /** The family that rooms and devices below belong to. */
  const contentsFamilyId = ref<string | null>(null)
  const rooms = ref<Room[]>([])
  const roomsStatus = ref<LoadStatus>('idle')
  const roomsError = ref<BridgeError | null>(null)
  // Shallow: 10,000 devices are replaced as a whole, never edited; deep proxies would only cost.
  const devices = shallowRef<Device[]>([])
  const devicesStatus = ref<LoadStatus>('idle')
  const devicesError = ref<BridgeError | null>(null)
  /** List entries read so far while devices load (main reports page by page). */
  const devicesProgress = ref<{ loaded: number; total: number } | null>(null)
  /** Products (with thing models) of the devices shown, by productId; filled per family. */
  const products = shallowRef(new Map<string, Product>())
  /** The family's firmware check (its versions land in the firmware store). */
  const versionsStatus = ref<LoadStatus>('idle')
  const versionsError = ref<BridgeError | null>(null)

  const selectedFamily = computed(() => families.value.find((f) => f.familyId === selectedFamilyId.value) ?? null)

  // Answers can arrive out of order when the user switches quickly; only the latest counts.
  let familiesSeq = 0
  let contentsSeq = 0
  let stream: DeviceStream | null = null
  let streamSerial = 0
  let owner: string | null = null

  watch(
    () => session.owner,
    (next) => {
      if (next === null) {
        // An expired session keeps the page (and its data) behind the sign-in dialog.
        if (!session.ended) {
          reset()
          owner = null
        }
        return
      }
      if (next !== owner) {
        reset()
        owner = next
        selectedFamilyId.value = readSelected(next)
      }
    },
    { immediate: true },
  )

  function reset(): void {
    familiesSeq++
    contentsSeq++
    families.value = []
    familiesStatus.value = 'idle'
    familiesError.value = null
    selectedFamilyId.value = null
    products.value = new Map()
    clearContents(null)
  }

  function clearContents(familyId: string | null): void {
    closeStream()
    contentsFamilyId.value = familyId
    rooms.value = []
    roomsStatus.value = 'idle'
    roomsError.value = null
    devices.value = []
    devicesStatus.value = 'idle'
    devicesError.value = null
    devicesProgress.value = null
    versionsStatus.value = 'idle'
    versionsError.value = null
  }

  let progressListening = false
  function listenProgress(): void {
    if (progressListening) return
    progressListening = true
    useDesk().on('devices.progress', ({ familyId, loaded, total, streamId, devices: rows }) => {
      if (familyId === contentsFamilyId.value && devicesStatus.value === 'loading') devicesProgress.value = { loaded, total }
      if (rows && stream && streamId === stream.id) receiveRows(stream, rows)
    })
  }

  function openStream(): DeviceStream {
    closeStream()
    stream = { id: `s${++streamSerial}`, rows: [], live: devices.value.length === 0, timer: null }
    return stream
  }

  function closeStream(): void {
    if (stream?.timer) clearTimeout(stream.timer)
    stream = null
  }

  function receiveRows(open: DeviceStream, rows: readonly Device[]): void {
    for (const row of rows) open.rows.push(row)
    if (!open.live) return
    if (devices.value.length === 0) {
      showRows(open)
      void loadProducts(rows) // the first rows' live values need their thing models
    } else open.timer ??= setTimeout(() => showRows(open), streamShowMs(open.rows.length))
  }

  function showRows(open: DeviceStream): void {
    if (open.timer) clearTimeout(open.timer)
    open.timer = null
    if (open === stream) devices.value = open.rows.slice()
  }

  async function loadFamilies(): Promise<void> {
    const seq = ++familiesSeq
    familiesStatus.value = 'loading'
    try {
      const list = await useDesk().call('families.list', {})
      if (seq !== familiesSeq) return
      families.value = list
      familiesStatus.value = 'ready'
      familiesError.value = null
    } catch (error) {
      if (seq !== familiesSeq) return
      familiesStatus.value = 'error'
      familiesError.value = toBridgeError(error)
    }
  }

  function selectFamily(familyId: string | null): void {
    selectedFamilyId.value = familyId
    if (owner) writePref(FAMILY_STORAGE_KEY, familyId ? JSON.stringify({ owner, familyId }) : null)
  }

  /** Rooms and devices of one family, fetched together. */
  async function loadFamilyContents(familyId: string): Promise<void> {
    const seq = ++contentsSeq
    // Never show one family's devices under another's name while loading.
    if (contentsFamilyId.value !== familyId) clearContents(familyId)
    roomsStatus.value = 'loading'
    devicesStatus.value = 'loading'
    devicesProgress.value = null
    listenProgress()
    const desk = useDesk()
    await Promise.all([
      desk.call('rooms.list', { familyId }).then(
        (list) => {
          if (seq !== contentsSeq) return
          rooms.value = list
          roomsStatus.value = 'ready'
          roomsError.value = null
        },
        (error: unknown) => {
          if (seq !== contentsSeq) return
          roomsStatus.value = 'error'
          roomsError.value = toBridgeError(error)
        },
      ),
      streamDevices(familyId, seq),
    ])
  }

  /** The family's devices, shown page by page on a first load. */
  async function streamDevices(familyId: string, seq: number): Promise<void> {
    const open = openStream()
    try {
      const rest = await useDesk().call('devices.list', { familyId, streamId: open.id })
      if (seq !== contentsSeq) return
      const list = rest.length > 0 ? [...open.rows, ...rest] : open.rows
      closeStream()
      devices.value = list
      devicesStatus.value = 'ready'
      devicesError.value = null
      void loadProducts(list)
    } catch (error) {
      if (seq !== contentsSeq) return
      closeStream()
      if (open.live) devices.value = [] // never a part of the list passed off as all of it
      devicesStatus.value = 'error'
      devicesError.value = toBridgeError(error)
    }
  }

  /** Thing models of the listed devices' products (key-property columns); failing only hides them. */
  async function loadProducts(list: readonly Device[]): Promise<void> {
    const missing = [...new Set(list.map((d) => d.productId))].filter((id) => !products.value.has(id))
    if (missing.length === 0) return
    try {
      const desk = useDesk()
      for (let i = 0; i < missing.length; i += 100) {
        for (const product of await desk.call('products.list', { productIds: missing.slice(i, i + 100) })) products.value.set(product.productId, product)
      }
      products.value = new Map(products.value)
    } catch {
      // Without thing models the list still shows every device, only no live values.
    }
  }

  /** Every device's firmware version, by one firmware check of the family (bounded in main), into the firmware store. */
  async function loadVersions(familyId: string): Promise<void> {
    const seq = contentsSeq
    versionsStatus.value = 'loading'
    try {
      const preview = await useDesk().call('rollout.preview', { selection: { familyIds: [familyId] } })
      if (seq !== contentsSeq) return
      useFirmwareStore().fromPreview(preview.devices)
      versionsStatus.value = 'ready'
      versionsError.value = null
    } catch (error) {
      if (seq !== contentsSeq) return
      versionsStatus.value = 'error'
      versionsError.value = toBridgeError(error)
    }
  }

  return {
    devicesProgress,
    products,
    versionsStatus,
    versionsError,
    loadVersions,
    loadProducts,
    families,
    familiesStatus,
    familiesError,
    selectedFamilyId,
    selectedFamily,
    contentsFamilyId,
    rooms,
    roomsStatus,
    roomsError,
    devices,
    devicesStatus,
    devicesError,
    loadFamilies,
    selectFamily,
    loadFamilyContents,
    reset,
  }
})
