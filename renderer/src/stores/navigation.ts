import { defineStore } from 'pinia'
import { ref, shallowReactive, watch } from 'vue'
import type { LocationQuery, RouteLocationNormalized } from 'vue-router'
import { readPref, writePref } from '@/utils/storage'
import { useSessionStore } from './session'

export const LAST_PAGE_STORAGE_KEY = 'explorer-desk.last-page'

/** The last page of an account on this machine, so the next sign-in returns there. */
export function readLastPage(owner: string | null): string | null {
  if (!owner) return null
  try {
    const saved = JSON.parse(readPref(LAST_PAGE_STORAGE_KEY) ?? 'null') as { owner?: unknown; path?: unknown } | null
    return saved?.owner === owner && typeof saved.path === 'string' && saved.path.startsWith('/') && !saved.path.startsWith('//') ? saved.path : null
  } catch {
    return null
  }
}

/**
 * Where the user has been, so links can take them back: each family's device list with its
 * filters, the last history view, and (per account, kept on this machine) the last page.
 */
export const useNavigationStore = defineStore('navigation', () => {
  const session = useSessionStore()
  /** The device list's query (filters, sort) last used, by familyId. */
  const listQueries = shallowReactive(new Map<string, LocationQuery>())
  const historyQuery = ref<LocationQuery | null>(null)
  let owner: string | null = null
  // Another account: other families, other devices; nothing to go back to.
  watch(
    () => session.owner,
    (next) => {
      if (next === null || next === owner) return
      owner = next
      listQueries.clear()
      historyQuery.value = null
    },
    { immediate: true },
  )

  /** Called after every navigation. */
  function visited(to: RouteLocationNormalized): void {
    if (to.meta.public || !session.signedIn) return
    if (to.name === 'devices') listQueries.set(String(to.params.familyId), { ...to.query })
    if (to.name === 'history' && typeof to.query.devices === 'string' && to.query.devices) historyQuery.value = { ...to.query }
    if (session.owner) writePref(LAST_PAGE_STORAGE_KEY, JSON.stringify({ owner: session.owner, path: to.fullPath }))
  }

  function listQuery(familyId: string): LocationQuery {
    return listQueries.get(familyId) ?? {}
  }

  return { listQueries, historyQuery, visited, listQuery }
})
