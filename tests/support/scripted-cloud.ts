import type { CloudCall } from '../../electron/core/api/cloud-call'

export type Answer = Record<string, unknown>

/** A cloud that answers per action from a list (one answer per call, in order), recording what was sent. */
export function scriptedCloud(answers: Record<string, Answer[]>): { call: CloudCall; sent: { action: string; params: Answer }[] } {
  const sent: { action: string; params: Answer }[] = []
  const call: CloudCall = async (action, params) => {
    sent.push({ action, params })
    const data = answers[action]?.shift()
    if (!data) throw new Error(`unexpected ${action}`)
    return { data, requestId: 'r-1' }
  }
  return { call, sent }
}
