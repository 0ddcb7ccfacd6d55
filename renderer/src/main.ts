// First: modules run in import order, and this one opens the link to the host.
import './bridge/connect-early'
import { createApp } from 'vue'
import { createPinia } from 'pinia'
// Element Plus components and their styles come in on demand (unplugin resolver); the base
// variables and the dark palette are needed app-wide, before any component asks.
import 'element-plus/es/components/base/style/css'
import 'element-plus/theme-chalk/dark/css-vars.css'
// ElMessage/ElNotification are called from script, which the resolver does not see.
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/notification/style/css'
import './styles/main.css'
import App from './App.vue'
import { stripTokenFromUrl } from './bridge/client'
import { setNotifyContext } from './composables/notifyError'
import { i18n } from './i18n'
import { createAppRouter } from './router'
import { useAppStore } from './stores/app'
import { useConnectionStore } from './stores/connection'
import { useSessionStore } from './stores/session'

// Before anything reads the URL: the one-time token must not linger in history.
stripTokenFromUrl()

const app = createApp(App)
app.use(createPinia())
app.use(i18n)
setNotifyContext(app._context)

useAppStore().init()
useConnectionStore().start()
void useSessionStore().init()

app.use(createAppRouter())
app.mount('#app')
