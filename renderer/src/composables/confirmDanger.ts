import { ElMessageBox } from 'element-plus'

/**
 * Asks before an action that cannot be undone, with the confirm button in danger red.
 * Resolves true when confirmed, false when cancelled or closed.
 */
export async function confirmDanger(message: string, title: string, confirmText: string, cancelText: string): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, {
      type: 'warning',
      confirmButtonText: confirmText,
      cancelButtonText: cancelText,
      confirmButtonClass: 'el-button--danger',
    })
    return true
  } catch {
    return false
  }
}
