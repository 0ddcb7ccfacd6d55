/**
 * The code of the pages that follow sign-in (the shell, the family list, a family's devices)
 * is fetched while the user is still on the sign-in form, once the page is idle: signing in
 * then waits only for the cloud, not for a second round of chunk requests.
 */
import type { Router } from 'vue-router'
import { whenIdle as idle } from '@/utils/when-idle'

const NEXT_PAGES = [{ name: 'families' }, { name: 'devices', params: { familyId: '-' } }] as const

type Loader = () => Promise<unknown>

export function prefetchPagesAfterSignIn(router: Router, whenIdle: (work: () => void) => void = idle): void {
  whenIdle(() => {
    const loaders = new Set<Loader>()
    for (const page of NEXT_PAGES) {
      for (const record of router.resolve(page).matched) {
        const component = record.components?.default
        if (typeof component === 'function') loaders.add(component as Loader)
      }
    }
    // A failed prefetch costs nothing: the router loads the page again when it is opened.
    for (const load of loaders) void load().catch(() => undefined)
  })
}
