import { ref, watch } from 'vue'

// Light or dark, remembered in this browser; the first choice follows the system's.
const stored = localStorage.getItem('tf-theme')
const dark = ref(stored ? stored === 'dark' : window.matchMedia?.('(prefers-color-scheme: dark)').matches === true)

watch(
  dark,
  (value) => {
    document.documentElement.dataset.theme = value ? 'dark' : 'light'
    localStorage.setItem('tf-theme', value ? 'dark' : 'light')
  },
  { immediate: true },
)

export function useTheme() {
  return { dark, toggle: () => (dark.value = !dark.value) }
}
