import { computed, onBeforeUnmount, onMounted, ref, shallowRef, watch, type Ref } from 'vue'
import { ElMessage } from 'element-plus'
import { useI18n } from 'vue-i18n'
import type { CommandName } from '@shared/contracts'
import type { BridgeError } from '@shared/errors'
import type { RolloutDevice, RolloutProgress, RolloutSummary, RolloutWave } from '@shared/rollout'
import { toBridgeError, useDesk } from '@/bridge'
import { notifyError } from '@/composables/notifyError'
import type { LoadStatus } from '@/stores/session'
import { downloadText, fileStamp } from '@/utils/download'
import { mergeDevices } from '@/utils/rollout'

/** The board holds every device (the table draws those in view); the bridge allows this many at once. */
const ALL_DEVICES = 10_000
/**
 * Device rows change at most this often (the summary and waves at every event): each change
 * re-lays the whole 10,000-row table, four times a second otherwise.
 */
const DEVICE_ROWS_MS = 1_000

type Control = Extract<CommandName, 'rollout.start' | 'rollout.pause' | 'rollout.resume' | 'rollout.cancel'>

/** One rollout as the board shows it: loaded once, then kept live by rollout.progress. */
export function useRolloutBoard(rolloutId: Ref<string>) {
  const { t } = useI18n()
  const desk = useDesk()
  const summary = shallowRef<RolloutSummary | null>(null)
  const waves = shallowRef<RolloutWave[]>([])
  const devices = shallowRef<RolloutDevice[]>([])
  const status = ref<LoadStatus>('idle')
  const error = ref<BridgeError | null>(null)
  const acting = ref<string | null>(null)
  const exporting = ref(false)

  async function load(): Promise<void> {
    const id = rolloutId.value
    status.value = 'loading'
    try {
      const board = await desk.call('rollout.get', { rolloutId: id, limit: ALL_DEVICES })
      if (id !== rolloutId.value) return
      summary.value = board.summary
      waves.value = board.waves
      changed = [] // the answer is newer than anything waiting
      devices.value = board.devices
      status.value = 'ready'
      error.value = null
    } catch (e) {
      if (id !== rolloutId.value) return
      status.value = 'error'
      error.value = toBridgeError(e)
    }
  }

  let changed: RolloutDevice[] = []
  let rowsTimer: ReturnType<typeof setTimeout> | null = null
  let rowsShownAt = 0

  function onProgress(batch: RolloutProgress[]): void {
    for (const progress of batch) {
      if (progress.summary.rolloutId !== rolloutId.value || !summary.value) continue
      summary.value = progress.summary
      waves.value = progress.waves
      changed.push(...progress.devices)
    }
    if (changed.length === 0 || rowsTimer) return
    const wait = rowsShownAt + DEVICE_ROWS_MS - Date.now()
    // A rollout's end is shown at once, with every device in its final state.
    if (wait <= 0 || summary.value?.state !== 'running') showChanged()
    else rowsTimer = setTimeout(showChanged, wait)
  }

  function showChanged(): void {
    if (rowsTimer) clearTimeout(rowsTimer)
    rowsTimer = null
    rowsShownAt = Date.now()
    devices.value = mergeDevices(devices.value, changed)
    changed = []
  }

  // A clock for the running devices' elapsed time.
  const now = ref(Date.now())
  let ticker: ReturnType<typeof setInterval> | null = null
  let off: (() => void) | null = null
  onMounted(() => {
    off = desk.on('rollout.progress', onProgress)
    ticker = setInterval(() => (now.value = Date.now()), 1000)
    void load()
  })
  onBeforeUnmount(() => {
    off?.()
    if (rowsTimer) clearTimeout(rowsTimer)
    if (ticker) clearInterval(ticker)
  })
  watch(rolloutId, () => void load())

  async function control(command: Control): Promise<void> {
    acting.value = command
    try {
      summary.value = await desk.call(command, { rolloutId: rolloutId.value })
    } catch (e) {
      notifyError(e)
    } finally {
      acting.value = null
    }
  }

  async function retry(deviceIds: string[]): Promise<boolean> {
    if (deviceIds.length === 0) return false
    acting.value = 'rollout.retry'
    try {
      summary.value = await desk.call('rollout.retry', { rolloutId: rolloutId.value, deviceIds })
      await load() // retried devices went back to pending; the board shows it at once
      return true
    } catch (e) {
      notifyError(e)
      return false
    } finally {
      acting.value = null
    }
  }

  async function exportCsv(): Promise<void> {
    if (exporting.value) return
    exporting.value = true
    try {
      const { csv, count } = await desk.call('rollout.exportCsv', { rolloutId: rolloutId.value })
      // The BOM lets spreadsheet programs read the UTF-8 (Chinese names).
      downloadText(`explorer-desk-rollout-${rolloutId.value}-${fileStamp()}.csv`, `\uFEFF${csv}`, 'text/csv;charset=utf-8')
      ElMessage({ type: 'success', message: t('rollout.board.exported', { count }, count) })
    } catch (e) {
      notifyError(e)
    } finally {
      exporting.value = false
    }
  }

  /** The wave that tripped the threshold (1-based for people) and by how much. */
  const thresholdWave = computed(() => {
    const s = summary.value
    if (!s || s.pauseReason !== 'threshold') return null
    const wave = waves.value.find((w) => w.failedPercent > s.plan.maxFailedPercent) ?? waves.value[s.currentWave]
    return wave ? { wave: wave.index + 1, percent: Math.round(wave.failedPercent), limit: s.plan.maxFailedPercent } : null
  })

  return { summary, waves, devices, status, error, acting, exporting, now, thresholdWave, load, control, retry, exportCsv }
}
