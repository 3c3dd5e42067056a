import { vi } from 'vitest'
import type { Health, Offer, OfferPage, OfferSummary, ProblemDetail } from '../api.ts'

/** Test fixtures and a fake broker behind a mocked `fetch` (the browser app's only network edge). */

export function makeOffer(overrides: Partial<Offer> = {}): Offer {
  return {
    offerId: 'aws:us-east-1:us-east-1a:m5.large:spot',
    provider: 'aws',
    region: 'us-east-1',
    zone: 'us-east-1a',
    instanceType: 'm5.large',
    market: 'spot',
    vcpus: 2,
    memoryGiB: 8.0,
    pricePerHour: 0.0345,
    currency: 'USD',
    pricePerVcpuHour: 0.01725,
    priceObservedAt: '2026-11-23T10:00:00Z',
    priceFetchedAt: '2026-11-23T10:00:05Z',
    priceSource: 'simulated:spotlake-2022-07-12',
    stale: false,
    interruptionRatePerHour: 0.0001,
    available: 40,
    ...overrides,
  }
}

export function makePage(items: Offer[], overrides: Partial<OfferPage> = {}): OfferPage {
  return { items, page: 0, size: 50, totalItems: items.length, totalPages: items.length === 0 ? 0 : 1, ...overrides }
}

export const HEALTH_UP: Health = {
  status: 'UP',
  components: { catalog: { status: 'UP' }, db: { status: 'UP', details: { database: 'PostgreSQL' } } },
}

export const SUMMARY: OfferSummary[] = [
  { provider: 'gcp', market: 'spot', offers: 9000, regions: 30, minPricePerVcpuHour: 0.0042 },
  { provider: 'aws', market: 'on_demand', offers: 6000, regions: 17, minPricePerVcpuHour: 0.0104 },
  { provider: 'aws', market: 'spot', offers: 18000, regions: 17, minPricePerVcpuHour: 0.0031 },
]

export function json(body: unknown, status = 200, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } })
}

export function problem(status: number, body: ProblemDetail): Response {
  return json({ type: 'about:blank', status, ...body }, status, 'application/problem+json')
}

type Handler<A extends unknown[] = []> = (...args: A) => Response | Promise<Response>

export interface FakeBroker {
  offers?: Handler<[URLSearchParams]>
  summary?: Handler
  health?: Handler
}

/** Installs a fake `fetch` that routes by path; returns the mock for inspecting requests. */
export function installFetch(broker: FakeBroker = {}) {
  const handlers: Required<FakeBroker> = {
    offers: () => json(makePage([makeOffer()])),
    summary: () => json(SUMMARY),
    health: () => json(HEALTH_UP),
    ...broker,
  }
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    if (init?.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError')
    const url = new URL(input instanceof Request ? input.url : String(input), 'http://127.0.0.1')
    switch (url.pathname) {
      case '/api/v1/offers':
        return handlers.offers(url.searchParams)
      case '/api/v1/offers/summary':
        return handlers.summary()
      case '/actuator/health':
        return handlers.health()
      default:
        return new Response('Not found', { status: 404 })
    }
  })
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

/** Query parameters of every GET /api/v1/offers made so far, oldest first. */
export function offerRequests(fetchMock: ReturnType<typeof installFetch>): Record<string, string>[] {
  return fetchMock.mock.calls
    .map(([input]) => new URL(String(input), 'http://127.0.0.1'))
    .filter((url) => url.pathname === '/api/v1/offers')
    .map((url) => Object.fromEntries(url.searchParams))
}

export function lastOfferRequest(fetchMock: ReturnType<typeof installFetch>): Record<string, string> | undefined {
  return offerRequests(fetchMock).at(-1)
}
