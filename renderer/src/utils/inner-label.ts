import type { Directive } from 'vue'

/**
 * Names an input that an Element Plus component renders inside itself without a way to name
 * it (el-slider's number box, el-pagination's page-size select): screen readers otherwise
 * announce a bare "spin button" or "combo box".
 * Usage: v-inner-label="{ selector: 'input', label: t('...') }".
 */
export interface InnerLabel {
  selector: string
  label: string
}

function apply(el: HTMLElement, { selector, label }: InnerLabel): void {
  for (const input of el.querySelectorAll<HTMLElement>(selector)) input.setAttribute('aria-label', label)
}

export const vInnerLabel: Directive<HTMLElement, InnerLabel> = {
  mounted: (el, binding) => apply(el, binding.value),
  updated: (el, binding) => apply(el, binding.value),
}
