import { ref, watch, type Ref } from 'vue'

/**
 * Keyboard navigation for table rows: one row is in the tab order (roving tabindex), and
 * the arrow keys, Home/End and PageUp/PageDown move between rows, like a desktop list.
 */
export function useRowNavigation(rowCount: Ref<number>, page = 10) {
  const active = ref(0)

  watch(rowCount, (n) => {
    if (active.value >= n) active.value = Math.max(0, n - 1)
  })

  function tabindex(index: number): number {
    return index === active.value ? 0 : -1
  }

  function onFocus(index: number): void {
    active.value = index
  }

  function onKeydown(event: KeyboardEvent, index: number): void {
    const last = rowCount.value - 1
    const targets: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: last,
      PageDown: index + page,
      PageUp: index - page,
    }
    const target = targets[event.key]
    if (target === undefined || last < 0) return
    event.preventDefault()
    const next = Math.min(last, Math.max(0, target))
    const row = (event.currentTarget as HTMLElement | null)?.parentElement?.children[next] as HTMLElement | undefined
    active.value = next
    row?.focus()
  }

  return { active, tabindex, onFocus, onKeydown }
}
