/**
 * The question asked before a fleet rollout starts: how many devices, in which homes, to
 * which versions, how big the first wave is, and which homes are left out. A fleet upgrade
 * must not be one click away from acting on more than the user thinks.
 */
import { h } from 'vue'
import { ElMessageBox } from 'element-plus'
import type { ExcludedFamily } from '@shared/rollout'
import type { StartSummary } from '@/utils/rollout'

type Translate = (key: string, named?: Record<string, unknown>, plural?: number) => string

const quoted = (names: readonly string[]) => names.map((n) => `'${n}'`).join(', ')

function message(t: Translate, s: StartSummary, leftOut: readonly ExcludedFamily[]) {
  return h('div', { 'data-testid': 'plan-confirm' }, [
    h('p', { 'data-testid': 'plan-confirm-scope' }, t('rollout.plan.confirm.scope', { count: s.devices, homes: quoted(s.homes) }, s.devices)),
    h(
      'ul',
      { 'data-testid': 'plan-confirm-targets' },
      s.targets.map((x) => h('li', t('rollout.plan.confirm.target', { product: x.productName, version: x.version, count: x.count }, x.count))),
    ),
    h('p', { 'data-testid': 'plan-confirm-wave' }, t('rollout.plan.confirm.firstWave', { count: s.firstWave }, s.firstWave)),
    ...leftOut.map((f) => h('p', { 'data-testid': 'plan-confirm-left-out' }, t('rollout.plan.leftOut', { count: f.devices, home: f.familyName }, f.devices))),
  ])
}

/** Resolves true when the user confirms, false when they back out. */
export async function confirmStart(t: Translate, summary: StartSummary, leftOut: readonly ExcludedFamily[]): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message(t, summary, leftOut), t('rollout.plan.confirm.title'), {
      type: 'warning',
      confirmButtonText: t('rollout.plan.confirm.start', { count: summary.devices }, summary.devices),
      cancelButtonText: t('rollout.plan.confirm.back'),
    })
    return true
  } catch {
    return false
  }
}
