/**
 * Typed client for the Capacity Broker HTTP API.
 *
 * All paths are relative to the site root: in production the dashboard is served by the broker
 * itself, in development Vite proxies /api and /actuator to the broker (see vite.config.ts).
 */

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** Well-known providers; the API may return others, so `string` stays allowed. */
export type Provider = 'aws' | 'gcp' | 'azure' | 'ovh' | (string & {})

export type Market = 'spot' | 'on_demand'

export const MARKETS: readonly Market[] = ['spot', 'on_demand']

export interface Offer {
  offerId: string
  provider: Provider
  region: string
  zone: string | null
  instanceType: string
  market: Market
  vcpus: number
  memoryGiB: number
  pricePerHour: number
  currency: string
  pricePerVcpuHour: number
  /** When the provider (or the data set) observed the price, ISO-8601 UTC. */
  priceObservedAt: string
  /** When the broker fetched the price, ISO-8601 UTC. */
  priceFetchedAt: string
  priceSource: string
  /** True when the price is older than the broker's freshness window. */
  stale: boolean
  interruptionRatePerHour: number | null
  available: number | null
}

export interface Page<T> {
  items: T[]
  /** 0-based. */
  page: number
  size: number
  totalItems: number
  totalPages: number
}

export type OfferPage = Page<Offer>

/** Sort by price per hour: ascending (`price`) or descending (`-price`). */
export type OfferSort = 'price' | '-price'

export interface OfferFilters {
  provider?: string
  region?: string
  market?: Market
  minVcpus?: number
  minMemoryGiB?: number
}

export interface OfferQuery extends OfferFilters {
  /** 0-based page index. */
  page: number
  size: number
  sort: OfferSort
}

export interface OfferSummary {
  provider: Provider
  market: Market
  offers: number
  regions: number
  minPricePerVcpuHour: number | null
}

export type HealthStatus = 'UP' | 'DOWN' | 'OUT_OF_SERVICE' | 'UNKNOWN' | (string & {})

export interface HealthComponent {
  status: HealthStatus
  details?: Record<string, unknown>
  components?: Record<string, HealthComponent>
}

export interface Health {
  status: HealthStatus
  components?: Record<string, HealthComponent>
}

export interface FieldError {
  field: string
  message: string
}

/** RFC 9457 problem details, with the broker's `errors` extension. */
export interface ProblemDetail {
  type?: string
  title?: string
  status?: number
  detail?: string
  instance?: string
  errors?: FieldError[]
}

/** A non-2xx answer from the API; `problem` is set when the body was problem details. */
export class ApiError extends Error {
  readonly status: number
  readonly problem: ProblemDetail | null

  constructor(status: number, problem: ProblemDetail | null, message?: string) {
    super(message ?? problem?.detail ?? problem?.title ?? `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.problem = problem
  }

  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? []
  }
}

// ---------------------------------------------------------------------------------------------
// Query strings
// ---------------------------------------------------------------------------------------------

export const OFFERS_PATH = '/api/v1/offers'
export const OFFERS_SUMMARY_PATH = '/api/v1/offers/summary'
export const HEALTH_PATH = '/actuator/health'

export const PAGE_SIZES = [25, 50, 100, 200] as const
export const DEFAULT_QUERY: OfferQuery = { page: 0, size: 50, sort: 'price' }

/** Builds the query string (without `?`) for GET /api/v1/offers; empty filters are omitted. */
export function offersQueryString(query: OfferQuery): string {
  const params = new URLSearchParams()
  const text = (name: string, value: string | undefined) => {
    const trimmed = value?.trim()
    if (trimmed) params.set(name, trimmed)
  }
  const num = (name: string, value: number | undefined) => {
    if (value !== undefined && Number.isFinite(value)) params.set(name, String(value))
  }
  text('provider', query.provider)
  text('region', query.region)
  text('market', query.market)
  num('minVcpus', query.minVcpus)
  num('minMemoryGiB', query.minMemoryGiB)
  params.set('page', String(query.page))
  params.set('size', String(query.size))
  params.set('sort', query.sort)
  return params.toString()
}

/** Inverse of {@link offersQueryString}, tolerant of junk (used for the page's own URL). */
export function parseOffersQuery(search: string): OfferQuery {
  const params = new URLSearchParams(search)
  const str = (name: string) => params.get(name)?.trim() || undefined
  const num = (name: string) => {
    const raw = params.get(name)
    if (raw === null || raw.trim() === '') return undefined
    const value = Number(raw)
    return Number.isFinite(value) ? value : undefined
  }
  const market = str('market')
  const page = num('page')
  const size = num('size')
  const sort = str('sort')
  return {
    provider: str('provider'),
    region: str('region'),
    market: market && (MARKETS as readonly string[]).includes(market) ? (market as Market) : undefined,
    minVcpus: num('minVcpus'),
    minMemoryGiB: num('minMemoryGiB'),
    page: page !== undefined && Number.isInteger(page) && page >= 0 ? page : DEFAULT_QUERY.page,
    size: size !== undefined && (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_QUERY.size,
    sort: sort === 'price' || sort === '-price' ? sort : DEFAULT_QUERY.sort,
  }
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

export interface RequestOptions {
  signal?: AbortSignal
}

const JSON_ACCEPT = 'application/json, application/problem+json'

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text()
  if (!text) return null
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

function isProblem(body: unknown): body is ProblemDetail {
  return typeof body === 'object' && body !== null && ('title' in body || 'detail' in body || 'errors' in body)
}

async function getJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await fetch(path, { headers: { Accept: JSON_ACCEPT }, signal: options.signal })
  const body = await readBody(response)
  if (!response.ok) {
    throw new ApiError(response.status, isProblem(body) ? body : null)
  }
  return body as T
}

/** GET /api/v1/offers: one page of offers. */
export function fetchOffers(query: OfferQuery, options?: RequestOptions): Promise<OfferPage> {
  return getJson<OfferPage>(`${OFFERS_PATH}?${offersQueryString(query)}`, options)
}

/** GET /api/v1/offers/summary: offer counts and cheapest $/vCPU-hour per provider and market. */
export function fetchOfferSummary(options?: RequestOptions): Promise<OfferSummary[]> {
  return getJson<OfferSummary[]>(OFFERS_SUMMARY_PATH, options)
}

/**
 * GET /actuator/health. Spring answers 503 with a normal health body when the broker is DOWN or
 * OUT_OF_SERVICE, so a body with a `status` is returned whatever the HTTP status.
 */
export async function fetchHealth(options: RequestOptions = {}): Promise<Health> {
  const response = await fetch(HEALTH_PATH, {
    headers: { Accept: 'application/json, application/vnd.spring-boot.actuator.v3+json' },
    signal: options.signal,
  })
  const body = await readBody(response)
  if (typeof body === 'object' && body !== null && typeof (body as Health).status === 'string') {
    return body as Health
  }
  throw new ApiError(response.status, isProblem(body) ? body : null)
}
