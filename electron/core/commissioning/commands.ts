/** The commissioning commands of the bridge (shared/contracts/commissioning.ts): the checklist, the report, its PDF. */
import type { commissioningContract } from '../../../shared/contracts/commissioning'
import type { HostCapabilities } from '../desk-contract'
import type { DomainHandlers } from '../dispatcher'
import { checklistOf } from './checklist'
import { readHomeFacts, type CommissioningSources } from './facts'
import { reportOf } from './report'

export function commissioningCommands(sources: CommissioningSources, host: Pick<HostCapabilities, 'pdf' | 'saveFile'>): DomainHandlers<typeof commissioningContract> {
  return {
    'commissioning.checklist': async ({ familyId, everyDevice }) => checklistOf(await readHomeFacts(sources, familyId, { everyDevice })),
    // The report the customer keeps states every device's firmware and test: always read through.
    'commissioning.report': async ({ familyId }) => reportOf(await readHomeFacts(sources, familyId, { everyDevice: true })),
    // A host that can print the page to PDF and save it does; otherwise the page prints itself.
    'commissioning.savePdf': async ({ fileName }) => {
      if (!host.pdf || !host.saveFile) return { outcome: 'print' as const }
      const pdf = await host.pdf.printPage()
      const path = await host.saveFile(fileName, pdf)
      return path ? { outcome: 'saved' as const, path, bytes: pdf.length } : { outcome: 'cancelled' as const }
    },
  }
}
