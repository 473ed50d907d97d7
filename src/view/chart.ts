// A small bar chart drawn on the server as inline SVG (no library, no script): mentions of an
// entity and quotes about it per month. Bars of the two series differ by fill and pattern, and
// the numbers are also given as a table for readers who cannot see the chart.
import { html } from './html.ts'
import type { Html } from './html.ts'

export interface MonthCount {
  month: string
  mentions: number
  quotes: number
}

const W = 560
const H = 160
const PAD = { left: 36, right: 8, top: 10, bottom: 34 }

export function timelineChart(rows: MonthCount[], name: string): Html {
  if (rows.length === 0) return html`<p>No dated articles mention ${name}.</p>`
  const max = Math.max(1, ...rows.map((r) => Math.max(r.mentions, r.quotes)))
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  const slot = plotW / rows.length
  const bar = Math.max(2, Math.min(18, (slot - 4) / 2))
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH
  const every = Math.ceil(rows.length / 8)
  const bars = rows.map((r, i) => {
    const x = PAD.left + i * slot + slot / 2
    const label = i % every === 0 ? html`<text class="axis" x="${x.toFixed(1)}" y="${H - PAD.bottom + 14}" text-anchor="middle">${r.month}</text>` : ''
    return html`<g><title>${r.month}: ${r.mentions} mentions, ${r.quotes} quotes about</title>
<rect class="bar-mentions" x="${(x - bar).toFixed(1)}" y="${y(r.mentions).toFixed(1)}" width="${bar.toFixed(1)}" height="${(PAD.top + plotH - y(r.mentions)).toFixed(1)}"></rect>
<rect class="bar-quotes" x="${x.toFixed(1)}" y="${y(r.quotes).toFixed(1)}" width="${bar.toFixed(1)}" height="${(PAD.top + plotH - y(r.quotes)).toFixed(1)}"></rect>${label}</g>`
  })
  return html`<figure class="chart">
<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="chart-title">
<title id="chart-title">Mentions of ${name} and quotes about ${name}, per month</title>
<defs><pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="4" height="4" fill="#FFC454"></rect><line x1="0" y1="0" x2="0" y2="4" stroke="#8a6500" stroke-width="1.5"></line></pattern></defs>
<line class="axis-line" x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${W - PAD.right}" y2="${PAD.top + plotH}"></line>
<text class="axis" x="${PAD.left - 6}" y="${PAD.top + 8}" text-anchor="end">${max}</text>
<text class="axis" x="${PAD.left - 6}" y="${PAD.top + plotH}" text-anchor="end">0</text>
${bars}
</svg>
<figcaption><span class="key key-mentions" aria-hidden="true"></span> mentions (solid) · <span class="key key-quotes" aria-hidden="true"></span> quotes about (hatched), per month</figcaption>
<details><summary>The numbers</summary>
<table><thead><tr><th scope="col">Month</th><th scope="col">Mentions</th><th scope="col">Quotes about</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><th scope="row">${r.month}</th><td>${r.mentions}</td><td>${r.quotes}</td></tr>`)}</tbody></table>
</details>
</figure>`
}

