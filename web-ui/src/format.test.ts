import { describe, expect, it } from 'vitest'
import { formatAge, formatMoney, formatRatePercent, formatUtc } from './format.ts'

describe('formatMoney', () => {
  it.each([
    [0.0345, '$0.0345'],
    [0.0172549, '$0.0173'],
    [0.0031, '$0.0031'],
    [0.006, '$0.0060'],
    [0.00012345, '$0.000123'],
    [0.5, '$0.5000'],
    [1.234, '$1.2340'],
    [99.99, '$99.9900'],
    [1234.5678, '$1,234.57'],
    [0, '$0.0000'],
  ])('formats %s as %s', (value, expected) => {
    expect(formatMoney(value)).toBe(expected)
  })

  it('uses the offer currency and a dash for missing values', () => {
    expect(formatMoney(0.0345, 'EUR')).toBe('€0.0345')
    expect(formatMoney(null)).toBe('—')
    expect(formatMoney(Number.NaN)).toBe('—')
  })
})

describe('formatUtc and formatAge', () => {
  const now = Date.parse('2026-11-23T10:03:05Z')

  it('shows timestamps in UTC whatever their offset', () => {
    expect(formatUtc('2026-11-23T10:00:05Z')).toBe('2026-11-23 10:00:05 UTC')
    expect(formatUtc('2026-11-23T11:00:05+01:00')).toBe('2026-11-23 10:00:05 UTC')
    expect(formatUtc('not a date')).toBe('—')
  })

  it.each([
    ['2026-11-23T10:03:00Z', 'just now'],
    ['2026-11-23T10:02:20Z', '45 s ago'],
    ['2026-11-23T10:00:05Z', '3 min ago'],
    ['2026-11-23T05:03:05Z', '5 h ago'],
    ['2026-11-20T10:03:05Z', '3 d ago'],
    ['2026-11-23T10:10:00Z', 'in the future'],
  ])('ages %s as %s', (iso, expected) => {
    expect(formatAge(iso, now)).toBe(expected)
  })
})

describe('formatRatePercent', () => {
  it('shows per-hour probabilities as percentages', () => {
    expect(formatRatePercent(0.0001)).toBe('0.01%')
    expect(formatRatePercent(0.0525)).toBe('5.3%')
    expect(formatRatePercent(0)).toBe('0%')
    expect(formatRatePercent(null)).toBe('—')
  })
})
