import type { RouteRecordRaw } from 'vue-router'

export const routes: RouteRecordRaw[] = [
  {
    path: '/sign-in',
    name: 'sign-in',
    component: () => import('@/views/SignInView.vue'),
    meta: { public: true, titleKey: 'signIn.title' },
  },
  {
    path: '/',
    component: () => import('@/layouts/AppShell.vue'),
    children: [
      { path: '', redirect: { name: 'families' } },
      {
        path: 'families',
        name: 'families',
        component: () => import('@/views/FamiliesView.vue'),
        meta: { titleKey: 'families.title' },
      },
      {
        path: 'families/:familyId/devices',
        name: 'devices',
        component: () => import('@/views/DevicesView.vue'),
        meta: { titleKey: 'devices.title' },
      },
      {
        path: 'audit',
        name: 'audit',
        component: () => import('@/views/AuditView.vue'),
        meta: { titleKey: 'audit.title' },
      },
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: { name: 'families' } },
]
