/** The commissioning commands of the bridge (shared/contracts/commissioning.ts): the checklist, the report, its PDF. */
import type { CheckProgress, commissioningContract } from '../../../shared/contracts/commissioning'
import type { HostCapabilities } from '../desk-contract'
import type { DomainHandlers } from '../dispatcher'
import { ProgressThrottle } from '../progress-throttle'
import { checklistOf } from './checklist'
import { readHomeFacts, type CommissioningSources, type HomeFacts } from './facts'
import { reportOf } from './report'

const PROGRESS_INTERVAL_MS = 250

export function commissioningCommands(
  sources: CommissioningSources,
  host: Pick<HostCapabilities, 'pdf' | 'saveFile'>,
  emitProgress: (progress: CheckProgress) => void,
): DomainHandlers<typeof commissioningContract> {
  /** A home's facts, its devices checked through counted out as 'commissioning.progress'. */
  async function read(familyId: string, everyDevice: boolean): Promise<HomeFacts> {
    const throttle = new ProgressThrottle(emitProgress, PROGRESS_INTERVAL_MS)
    try {
      return await readHomeFacts(sources, familyId, { everyDevice, onChecked: (checked, total) => throttle.update({ familyId, checked, total }) })
    } finally {
      throttle.stop()
    }
  }
  return {
    'commissioning.checklist': async ({ familyId, everyDevice }) => checklistOf(await read(familyId, everyDevice ?? false)),
    // The report the customer keeps states every device's firmware and test: always read through.
    'commissioning.report': async ({ familyId }) => reportOf(await read(familyId, true)),
    // A host that can print the page to PDF and save it does; otherwise the page prints itself.
    'commissioning.savePdf': async ({ fileName }) => {
      if (!host.pdf || !host.saveFile) return { outcome: 'print' as const }
      const pdf = await host.pdf.printPage()
      const path = await host.saveFile(fileName, pdf)
      return path ? { outcome: 'saved' as const, path, bytes: pdf.length } : { outcome: 'cancelled' as const }
    },
  }
}
