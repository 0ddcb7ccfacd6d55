import type { RouteRecordRaw } from 'vue-router'
// The first page of every start is in the initial bundle: loaded lazily it cost a second
// round of requests (its Element Plus parts) before the form could show.
import SignInView from '@/views/SignInView.vue'

export const routes: RouteRecordRaw[] = [
  {
    path: '/sign-in',
    name: 'sign-in',
    component: SignInView,
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
        path: 'families/:familyId/home',
        name: 'home',
        component: () => import('@/views/HomeView.vue'),
        meta: { titleKey: 'home.title' },
      },
      {
        path: 'families/:familyId/handover',
        name: 'handover',
        component: () => import('@/views/HandoverReportView.vue'),
        meta: { titleKey: 'commissioning.report.title' },
      },
      {
        path: 'families/:familyId/add-device',
        name: 'add-device',
        component: () => import('@/views/AddDeviceView.vue'),
        meta: { titleKey: 'binding.title' },
      },
      {
        path: 'families/:familyId/automation',
        name: 'home-automation',
        component: () => import('@/views/HomeAutomationView.vue'),
        meta: { titleKey: 'schedule.title' },
      },
      {
        path: 'families/:familyId/devices',
        name: 'devices',
        component: () => import('@/views/DevicesView.vue'),
        meta: { titleKey: 'devices.title' },
      },
      {
        path: 'overview',
        name: 'overview',
        component: () => import('@/views/OverviewView.vue'),
        meta: { titleKey: 'overview.title' },
      },
      {
        path: 'families/:familyId/devices/:deviceId',
        name: 'device',
        component: () => import('@/views/DeviceDetailView.vue'),
        meta: { titleKey: 'device.title' },
      },
      {
        path: 'families/:familyId/devices/:deviceId/firmware',
        name: 'firmware',
        component: () => import('@/views/DeviceFirmwareView.vue'),
        meta: { titleKey: 'rollout.title' },
      },
      {
        path: 'families/:familyId/devices/:deviceId/recordings',
        name: 'recordings',
        component: () => import('@/views/RecordingsView.vue'),
        meta: { titleKey: 'recordings.title' },
      },
      {
        path: 'messages',
        name: 'messages',
        component: () => import('@/views/MessagesView.vue'),
        meta: { titleKey: 'messages.title' },
      },
      {
        path: 'history',
        name: 'history',
        component: () => import('@/views/HistoryView.vue'),
        meta: { titleKey: 'history.title' },
      },
      {
        path: 'rollouts',
        name: 'rollouts',
        component: () => import('@/views/RolloutsView.vue'),
        meta: { titleKey: 'rollout.title' },
      },
      {
        path: 'rollouts/new',
        name: 'rollout-new',
        component: () => import('@/views/RolloutPlanView.vue'),
        meta: { titleKey: 'rollout.title' },
      },
      {
        path: 'rollouts/:rolloutId',
        name: 'rollout',
        component: () => import('@/views/RolloutBoardView.vue'),
        meta: { titleKey: 'rollout.title' },
      },
      {
        path: 'console',
        name: 'console',
        component: () => import('@/views/ApiConsoleView.vue'),
        meta: { titleKey: 'apiConsole.title' },
      },
      {
        path: 'audit',
        name: 'audit',
        component: () => import('@/views/AuditView.vue'),
        meta: { titleKey: 'audit.title' },
      },
      {
        path: 'settings',
        name: 'settings',
        component: () => import('@/views/SettingsView.vue'),
        meta: { titleKey: 'settings.title' },
      },
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: { name: 'families' } },
]
