import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { makeRouter } from './router'
import { connectSession, useSession } from './stores/session'
import './styles.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
const router = makeRouter()
connectSession(useSession(pinia), () => {
  const here = router.currentRoute.value
  if (!here.meta.public) void router.push({ path: '/sign-in', query: { next: here.fullPath } })
})
app.use(router)
app.mount('#app')
