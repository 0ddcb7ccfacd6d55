import { ElMessage } from 'element-plus'
import { useI18n } from 'vue-i18n'

/** Copy text for pasting into a ticket; says whether it worked, since that is invisible. */
export function useCopy() {
  const { t } = useI18n()

  async function copy(text: string): Promise<boolean> {
    const ok = (await writeClipboard(text)) || legacyCopy(text)
    if (ok) ElMessage({ type: 'success', message: t('errors.copied'), duration: 1500 })
    else ElMessage({ type: 'warning', message: t('errors.copyFailed') })
    return ok
  }

  return { copy }
}

async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (!globalThis.navigator?.clipboard?.writeText) return false
    await globalThis.navigator.clipboard.writeText(text)
    return true
  } catch {
    return false // permission refused or not a secure context
  }
}

/** For contexts without the async clipboard API. */
function legacyCopy(text: string): boolean {
  const doc = globalThis.document
  if (!doc?.execCommand) return false
  const area = doc.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  doc.body.appendChild(area)
  area.select()
  try {
    return doc.execCommand('copy')
  } catch {
    return false
  } finally {
    area.remove()
  }
}
