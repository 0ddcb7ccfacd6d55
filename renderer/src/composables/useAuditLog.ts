import { computed, onBeforeUnmount, reactive, ref, shallowRef, watch } from 'vue'
import { ElMessage } from 'element-plus'
import { useI18n } from 'vue-i18n'
import type { AuditEntry, AuditFilter } from '@shared/domain'
import type { BridgeError } from '@shared/errors'
import { toBridgeError, useDesk } from '@/bridge'
import { notifyError } from '@/composables/notifyError'
import type { LoadStatus } from '@/stores/session'
import { downloadText, fileStamp } from '@/utils/download'

export interface AuditFilterForm {
  outcome: '' | 'ok' | 'error'
  /** Both ends inclusive, to the second. */
  range: [Date, Date] | null
  /** Any part of the action, device name, params, RequestId or account, in any case. */
  text: string
}

export const AUDIT_PAGE_SIZES = [20, 50, 100, 200]
const TYPING_DELAY_MS = 300

/** The bridge's filter (without paging) for what the form says. */
export function toAuditFilter(form: AuditFilterForm): Omit<AuditFilter, 'limit' | 'offset'> {
  const filter: AuditFilter = {}
  const text = form.text.trim()
  if (form.outcome) filter.outcome = form.outcome
  if (text) filter.text = text
  if (form.range) {
    filter.fromMs = form.range[0].getTime()
    filter.toMs = form.range[1].getTime() + 1000 // the bridge's upper bound is exclusive
  }
  return filter
}

/** The audit log, one page at a time, with filters and CSV export. */
export function useAuditLog() {
  const { t } = useI18n()
  const form = reactive<AuditFilterForm>({ outcome: '', range: null, text: '' })
  const page = ref(1)
  const pageSize = ref(50)
  const entries = shallowRef<AuditEntry[]>([])
  const total = ref(0)
  const status = ref<LoadStatus>('idle')
  const error = ref<BridgeError | null>(null)
  const exporting = ref(false)

  const filter = computed(() => toAuditFilter(form))
  const filtering = computed(() => Object.keys(filter.value).length > 0)

  let seq = 0
  async function load(): Promise<void> {
    const mine = ++seq
    status.value = 'loading'
    try {
      const answer = await useDesk().call('audit.list', {
        ...filter.value,
        limit: pageSize.value,
        offset: (page.value - 1) * pageSize.value,
      })
      if (mine !== seq) return
      entries.value = answer.entries
      total.value = answer.total
      status.value = 'ready'
      error.value = null
    } catch (e) {
      if (mine !== seq) return
      status.value = 'error'
      error.value = toBridgeError(e)
    }
  }

  /** A new filter starts from the first page. */
  function refilter(): void {
    if (page.value !== 1) page.value = 1 // the page watcher loads
    else void load()
  }

  let typing: ReturnType<typeof setTimeout> | null = null
  watch([() => form.outcome, () => form.range], refilter)
  watch(() => form.text, () => {
    if (typing) clearTimeout(typing)
    typing = setTimeout(() => {
      typing = null
      refilter()
    }, TYPING_DELAY_MS)
  })
  watch([page, pageSize], () => void load())
  onBeforeUnmount(() => {
    if (typing) clearTimeout(typing)
  })

  function resetFilter(): void {
    Object.assign(form, { outcome: '', range: null, text: '' })
  }

  /** Everything the filter matches (not just this page), as a CSV download. */
  async function exportCsv(): Promise<void> {
    if (exporting.value) return
    exporting.value = true
    try {
      const { csv, count } = await useDesk().call('audit.export', filter.value)
      if (count === 0) {
        ElMessage({ type: 'info', message: t('audit.exportEmpty') })
        return
      }
      // The BOM lets spreadsheet programs read the UTF-8 (Chinese names, accounts).
      downloadText(`explorer-desk-audit-${fileStamp()}.csv`, `\uFEFF${csv}`, 'text/csv;charset=utf-8')
      ElMessage({ type: 'success', message: t('audit.exported', { count }) })
    } catch (e) {
      notifyError(e)
    } finally {
      exporting.value = false
    }
  }

  return { form, page, pageSize, entries, total, status, error, exporting, filtering, load, resetFilter, exportCsv }
}
