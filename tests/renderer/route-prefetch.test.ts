import { describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { prefetchPagesAfterSignIn } from '@/router/prefetch'

const page = () => Promise.resolve({ render: () => null })

/** Routes shaped like the app's: a shell holding the pages, each loaded on demand. */
function appLikeRouter() {
  const loaders = { shell: vi.fn(page), families: vi.fn(page), devices: vi.fn(page), history: vi.fn(page), signIn: vi.fn(page) }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/sign-in', name: 'sign-in', component: loaders.signIn },
      {
        path: '/',
        component: loaders.shell,
        children: [
          { path: 'families', name: 'families', component: loaders.families },
          { path: 'families/:familyId/devices', name: 'devices', component: loaders.devices },
          { path: 'history', name: 'history', component: loaders.history },
        ],
      },
    ],
  })
  return { router, loaders }
}

describe('prefetching the pages after sign-in', () => {
  it('loads the shell, the family list and the devices page once the page is idle, and nothing else', () => {
    const { router, loaders } = appLikeRouter()
    let idleWork: (() => void) | null = null
    prefetchPagesAfterSignIn(router, (work) => (idleWork = work))
    expect(loaders.shell).not.toHaveBeenCalled()
    idleWork!()
    expect(loaders.shell).toHaveBeenCalledTimes(1)
    expect(loaders.families).toHaveBeenCalledTimes(1)
    expect(loaders.devices).toHaveBeenCalledTimes(1)
    expect(loaders.history).not.toHaveBeenCalled()
    expect(loaders.signIn).not.toHaveBeenCalled()
  })

  it('ignores a page whose code fails to load: the router tries again when it is opened', async () => {
    const { router, loaders } = appLikeRouter()
    loaders.families.mockImplementation(() => Promise.reject(new Error('offline')))
    prefetchPagesAfterSignIn(router, (work) => work())
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(loaders.families).toHaveBeenCalledTimes(1)
  })
})
