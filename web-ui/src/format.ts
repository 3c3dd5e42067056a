/** Display formatting shared by the dashboard. Locale is fixed to en-US, times to UTC. */

const moneyFormats = new Map<string, Intl.NumberFormat>()

function moneyFormat(currency: string, fractionDigits: number): Intl.NumberFormat {
  const key = `${currency}:${fractionDigits}`
  let format = moneyFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    })
    moneyFormats.set(key, format)
  }
  return format
}

/**
 * Money per instance-hour, the way cloud price lists show it: four decimals below $100 so cheap
 * spot prices stay readable and line up in a column (0.0345 → "$0.0345", 0.006 → "$0.0060",
 * 1.234 → "$1.2340"), two decimals from $100, and three significant digits for sub-$0.001 values
 * (0.00012345 → "$0.000123").
 */
export function formatMoney(value: number | null | undefined, currency = 'USD'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  const magnitude = value === 0 ? 0 : Math.floor(Math.log10(Math.abs(value)))
  const decimals = Math.abs(value) >= 100 ? 2 : value !== 0 && magnitude < -3 ? Math.min(8, 2 - magnitude) : 4
  try {
    return moneyFormat(currency, decimals).format(value)
  } catch {
    // Unknown currency code: fall back to a plain number with the code.
    return `${value.toFixed(decimals)} ${currency}`
  }
}

const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
const decimalFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })

export function formatInteger(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : integerFormat.format(value)
}

export function formatDecimal(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : decimalFormat.format(value)
}

/** A per-hour probability as a percentage: 0.0001 → "0.01%". */
export function formatRatePercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  const percent = value * 100
  if (percent === 0) return '0%'
  return `${new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2 }).format(percent)}%`
}

function parseTime(iso: string | null | undefined): number | null {
  if (!iso) return null
  const time = Date.parse(iso)
  return Number.isNaN(time) ? null : time
}

/** "2026-11-23 10:00:05 UTC". */
export function formatUtc(iso: string | null | undefined): string {
  const time = parseTime(iso)
  if (time === null) return '—'
  return `${new Date(time).toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

/** Relative age against `now` (ms since epoch): "just now", "42 s ago", "3 min ago", "5 h ago", "2 d ago". */
export function formatAge(iso: string | null | undefined, now: number): string {
  const time = parseTime(iso)
  if (time === null) return '—'
  const seconds = Math.round((now - time) / 1000)
  if (seconds < -60) return 'in the future'
  if (seconds < 10) return 'just now'
  if (seconds < 60) return `${seconds} s ago`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${hours} h ago`
  return `${Math.floor(hours / 24)} d ago`
}

const PROVIDER_NAMES: Record<string, string> = {
  aws: 'AWS',
  gcp: 'Google Cloud',
  azure: 'Azure',
  ovh: 'OVHcloud',
}

export function providerName(provider: string): string {
  return PROVIDER_NAMES[provider] ?? provider
}

export const KNOWN_PROVIDERS = Object.keys(PROVIDER_NAMES)

export function marketName(market: string): string {
  if (market === 'spot') return 'Spot'
  if (market === 'on_demand') return 'On-demand'
  return market
}
