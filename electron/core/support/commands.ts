import type { supportContract } from '../../../shared/contracts/support'
import type { HostCapabilities } from '../desk-contract'
import type { DomainHandlers } from '../dispatcher'
import { collectBundle, describeEntries, type BundleSources } from './support-bundle'
import { zipEntries } from './zip'

/** Help → Support bundle: list what goes in, then write it where the user says (or hand it to the page). */
export function supportCommands(sources: BundleSources, host: HostCapabilities): DomainHandlers<typeof supportContract> {
  const fileName = () => `explorer-desk-support-${stamp(new Date(sources.now()))}.zip`
  return {
    'support.preview': async () => ({
      fileName: fileName(),
      entries: describeEntries(await collectBundle(sources)),
      savesWithDialog: Boolean(host.saveFile),
    }),
    'support.save': async () => {
      const zip = await zipEntries(await collectBundle(sources), new Date(sources.now()))
      if (!host.saveFile) return { outcome: 'download' as const, fileName: fileName(), base64: zip.toString('base64'), bytes: zip.length }
      const path = await host.saveFile(fileName(), zip)
      return path ? { outcome: 'saved' as const, path, bytes: zip.length } : { outcome: 'cancelled' as const }
    },
  }
}

function stamp(date: Date): string {
  return date.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')
}
