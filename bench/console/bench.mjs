// Console timings in Debian's headless Chromium against `./telemetryflow up` (docs/benchmarks.md, "Console"):
//  - the JavaScript loaded before the sign-in page shows (gzip sizes of the scripts Chromium fetched);
//  - time from navigation until the services overview, a 1,000-span trace waterfall and a 1,000-row logs page show
//    their data (full page loads: script from the browser cache, session restored through the refresh cookie);
//  - frame times while scrolling 10,000 loaded log rows.
// Sends one trace of 1,000 spans through OTLP/HTTP first. Only 127.0.0.1 is contacted.
//
// Usage: (cd bench/console && npm ci && node bench.mjs)
// Environment: BASE=http://127.0.0.1:8080 OTLP=http://127.0.0.1:4318 RUNS=5 EMAIL/PASSWORD (default: the demo
//   Administrator) CREDENTIALS=~/.telemetryflow/credentials.json (the ingest key)
//   RANGE_HOURS=1 (the pages' range; the console's default is the last hour) CHROMIUM=/usr/bin/chromium
import { chromium } from 'playwright-core'
import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { randomBytes } from 'node:crypto'
import { gzipSync } from 'node:zlib'

const BASE = process.env.BASE ?? 'http://127.0.0.1:8080'
const OTLP = process.env.OTLP ?? 'http://127.0.0.1:4318'
const RUNS = Number(process.env.RUNS ?? 5)
const RANGE_HOURS = Number(process.env.RANGE_HOURS ?? 1)
const FROM = `now-${RANGE_HOURS}h`
const EMAIL = process.env.EMAIL ?? 'admin.telemetryflow@telemetryflow.id'
const PASSWORD = process.env.PASSWORD ?? 'Admin@123456'
const credentials = JSON.parse(readFileSync(process.env.CREDENTIALS ?? `${homedir()}/.telemetryflow/credentials.json`, 'utf8'))
for (const url of [BASE, OTLP]) {
  if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(url)) throw new Error(`only loopback targets: ${url}`)
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)] }
const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))] }

async function sendBigTrace(spans) {
  const traceId = randomBytes(16).toString('hex')
  const now = BigInt(Date.now() - 10 * 60_000) * 1_000_000n
  const ids = Array.from({ length: spans }, () => randomBytes(8).toString('hex'))
  const services = ['frontend', 'cart', 'checkout', 'payment', 'inventory']
  const bySvc = new Map(services.map((s) => [s, []]))
  ids.forEach((id, i) => {
    const parent = i === 0 ? '' : ids[Math.floor(Math.random() * i)]
    const start = now + BigInt(i) * 1_000_000n
    bySvc.get(services[i % services.length]).push({
      traceId, spanId: id, parentSpanId: parent, name: i === 0 ? 'GET /bench/big-trace' : `step ${i}`,
      kind: i === 0 ? 2 : 1, startTimeUnixNano: String(start), endTimeUnixNano: String(start + BigInt(1 + (i % 50)) * 1_000_000n),
      attributes: [{ key: 'bench.index', value: { intValue: String(i) } }], status: { code: i % 97 === 0 ? 2 : 0 },
    })
  })
  const body = { resourceSpans: services.map((s) => ({
    resource: { attributes: [{ key: 'service.name', value: { stringValue: s } }] },
    scopeSpans: [{ scope: { name: 'console-bench' }, spans: bySvc.get(s) }],
  })) }
  const answer = await fetch(`${OTLP}/v1/traces`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', 'X-API-Key-ID': credentials.apiKeyId, 'X-API-Key-Secret': credentials.apiKeySecret },
  })
  if (!answer.ok) throw new Error(`OTLP answered ${answer.status}: ${await answer.text()}`)
  const login = await (await fetch(`${BASE}/api/v2/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  })).json()
  for (let i = 0; i < 60; i++) {
    const trace = await fetch(`${BASE}/api/v2/telemetry/traces/${traceId}`, { headers: { Authorization: `Bearer ${login.accessToken}` } })
    if (trace.ok && ((await trace.json()).spans ?? []).length === spans) return traceId
    await new Promise((r) => setTimeout(r, 1000))
  }
  throw new Error('the big trace did not become readable within 60 s')
}

const traceId = await sendBigTrace(1000)
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
})
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
const errors = []
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()) })

// 1. what loads before the sign-in page shows
const scripts = []
page.on('response', async (r) => { if (r.request().resourceType() === 'script') scripts.push(r) })
await page.goto(`${BASE}/sign-in`)
await page.waitForSelector('[data-test=sign-in-form]')
let gz = 0, raw = 0
for (const r of scripts) { const b = await r.body(); raw += b.length; gz += gzipSync(b).length }
page.removeAllListeners('response')
console.log(`before sign-in: ${scripts.length} scripts, ${(raw / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB gzipped`)

await page.fill('input[name=email]', EMAIL)
await page.fill('input[name=password]', PASSWORD)
await page.click('button[type=submit]')
await page.waitForSelector('[data-test=user-menu]')

// 2. navigation → data shown. "repeated": the same URL each run (the server's answer cache may answer); "fresh": the
// range's start moves by a second each run, so every read goes to ClickHouse. Each run waits until the page's network
// is idle before the next, so one run's reads never queue behind the previous page's.
const rangeStart = Date.now() - RANGE_HOURS * 3_600_000
const views = [
  ['services overview', (i) => `/services?from=${i === null ? FROM : new Date(rangeStart + i * 1000).toISOString()}`, '[data-test=service-row]'],
  ['trace waterfall (1,000 spans)', () => `/traces/${traceId}?from=${FROM}`, '[data-test=span-row]'],
  ['logs page (1,000 rows)', (i) => `/logs?from=${i === null ? FROM : new Date(rangeStart + i * 1000).toISOString()}`, '[data-test=log-row]'],
]
for (const [name, path, selector] of views) {
  for (const mode of name.startsWith('trace') ? ['repeated'] : ['repeated', 'fresh']) {
    const times = []
    for (let i = 0; i < RUNS + 1; i++) {
      const start = Date.now()
      await page.goto(BASE + path(mode === 'fresh' ? i : null))
      await page.waitForSelector(selector)
      if (i > 0) times.push(Date.now() - start) // the first run warms the browser cache and the server's JIT
      await page.waitForLoadState('networkidle')
    }
    console.log(`${name}, ${mode}: median ${median(times)} ms, max ${Math.max(...times)} ms over ${RUNS} runs (${times.join(', ')})`)
  }
}

// 3. scrolling 10,000 rows: load pages by scrolling to the end, then scroll through and time the frames
await page.goto(`${BASE}/logs?from=${FROM}`)
await page.waitForSelector('[data-test=log-row]')
await page.waitForLoadState('networkidle')
const loaded = await page.evaluate(async () => {
  const list = document.querySelector('[data-test=log-list]')
  for (let i = 0; i < 120 && Number(list.dataset.loaded) < 10000; i++) {
    list.scrollTop = list.scrollHeight
    await new Promise((r) => setTimeout(r, 500))
  }
  await new Promise((r) => setTimeout(r, 2000)) // the last page's rendering and the next page's prefetch settle
  return Number(list.dataset.loaded)
})
const frames = await page.evaluate(async () => {
  const list = document.querySelector('[data-test=log-list]')
  list.scrollTop = 0
  const deltas = []
  let last = performance.now()
  return new Promise((resolve) => {
    const step = (t) => {
      deltas.push(t - last)
      last = t
      list.scrollTop += 400
      if (list.scrollTop + list.clientHeight >= list.scrollHeight - 1 || deltas.length > 600) resolve(deltas.slice(1))
      else requestAnimationFrame(step)
    }
    requestAnimationFrame(step)
  })
})
console.log(`scrolling ${loaded} rows: ${frames.length} frames, median ${median(frames).toFixed(1)} ms, p95 ${quantile(frames, 0.95).toFixed(1)} ms, `
  + `max ${Math.max(...frames).toFixed(1)} ms, ${frames.filter((f) => f > 50).length} frames over 50 ms`)
console.log(errors.length ? `browser console errors: ${errors.join(' | ')}` : 'browser console errors: none')
await browser.close()
