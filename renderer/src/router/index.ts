import { createRouter, createWebHashHistory, type RouterHistory } from 'vue-router'
import { readLastPage, useNavigationStore } from '@/stores/navigation'
import { useSessionStore } from '@/stores/session'
import { createSessionGuard } from './guard'
import { prefetchPagesAfterSignIn } from './prefetch'
import { routes } from './routes'

/** Hash history: the Electron build loads index.html from file://, where paths don't route. */
export function createAppRouter(history: RouterHistory = createWebHashHistory()) {
  const router = createRouter({ history, routes })
  const session = useSessionStore()
  router.beforeEach(
    createSessionGuard({
      ready: () => session.init(),
      signedIn: () => session.signedIn,
      endedInPlace: () => session.ended !== null,
      lastPage: () => readLastPage(session.owner),
    }),
  )
  const navigation = useNavigationStore()
  router.afterEach((to, _from, failure) => {
    if (!failure) navigation.visited(to)
  })
  void router.isReady().then(() => {
    if (!session.signedIn) prefetchPagesAfterSignIn(router)
  }, () => undefined)
  return router
}
