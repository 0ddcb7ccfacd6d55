import { h, type AppContext } from 'vue'
import { ElNotification } from 'element-plus'
import ErrorNotice from '@/components/ErrorNotice.vue'

let appContext: AppContext | null = null

/** The notification renders outside the app tree; it needs the app's i18n to speak. */
export function setNotifyContext(context: AppContext): void {
  appContext = context
}

/** For errors with no place on the page (signing out, background actions). */
export function notifyError(error: unknown): void {
  ElNotification(
    {
      type: 'error',
      message: h(ErrorNotice, { error, compact: true }),
      customClass: 'desk-error-notification',
      // Long enough to copy a RequestId; the close button ends it sooner.
      duration: 12_000,
      showClose: true,
    },
    appContext,
  )
}
