import { useCallback, useEffect, useMemo, useState } from 'react'
import {
  ApiError,
  DEFAULT_QUERY,
  fetchHealth,
  fetchOffers,
  fetchOfferSummary,
  offersQueryString,
  parseOffersQuery,
  type FieldError,
  type Market,
  type OfferFilters as Filters,
  type OfferPage,
  type OfferQuery,
  type OfferSort,
} from './api.ts'
import { OfferFilters } from './components/OfferFilters.tsx'
import { OffersTable } from './components/OffersTable.tsx'
import { Pagination } from './components/Pagination.tsx'
import { ProviderSummary, type SummaryState } from './components/ProviderSummary.tsx'
import { StatusStrip, type HealthState } from './components/StatusStrip.tsx'
import { KNOWN_PROVIDERS, formatInteger } from './format.ts'
import { useNow } from './hooks.ts'

const HEALTH_POLL_MS = 30_000
const FILTER_FIELDS = ['provider', 'region', 'market', 'minVcpus', 'minMemoryGiB', 'size'] as const

interface OffersState {
  data: OfferPage | null
  loading: boolean
  error: unknown
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

function describe(error: unknown): string {
  if (error instanceof ApiError) {
    const { problem } = error
    if (problem?.title && problem.detail && problem.detail !== problem.title) return `${problem.title}: ${problem.detail}`
    return problem?.detail ?? problem?.title ?? `the broker answered HTTP ${error.status}`
  }
  if (error instanceof TypeError) return 'the broker could not be reached'
  return error instanceof Error ? error.message : String(error)
}

/** "minVcpus", "query.minVcpus" and "minVcpus[0]" all belong to the minVcpus filter. */
function normalizeField(field: string): string {
  const last = field.split('.').pop() ?? field
  return last.replace(/\[.*\]$/, '')
}

function splitFieldErrors(errors: FieldError[]) {
  const byField: Record<string, string[]> = {}
  const other: FieldError[] = []
  for (const error of errors) {
    const field = normalizeField(error.field ?? '')
    if ((FILTER_FIELDS as readonly string[]).includes(field)) {
      ;(byField[field] ??= []).push(error.message)
    } else {
      other.push(error)
    }
  }
  return { byField, other }
}

function filtersOf(query: OfferQuery): Filters {
  const { provider, region, market, minVcpus, minMemoryGiB } = query
  return { provider, region, market, minVcpus, minMemoryGiB }
}

export default function App() {
  const now = useNow()
  const [query, setQuery] = useState<OfferQuery>(() => parseOffersQuery(window.location.search))
  const [offers, setOffers] = useState<OffersState>({ data: null, loading: true, error: null })
  const [health, setHealth] = useState<HealthState>({ kind: 'loading' })
  const [summary, setSummary] = useState<SummaryState>({ kind: 'loading' })
  const [refreshCount, setRefreshCount] = useState(0)

  // Offers: refetch whenever the query changes; a newer request aborts the older one.
  useEffect(() => {
    const controller = new AbortController()
    setOffers((current) => ({ ...current, loading: true }))
    fetchOffers(query, { signal: controller.signal }).then(
      (data) => setOffers({ data, loading: false, error: null }),
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return
        setOffers({ data: null, loading: false, error })
      },
    )
    return () => controller.abort()
  }, [query, refreshCount])

  // Keep the page URL shareable: it mirrors the applied query.
  useEffect(() => {
    const qs = offersQueryString(query)
    const defaults = offersQueryString({ ...DEFAULT_QUERY })
    const search = qs === defaults ? '' : `?${qs}`
    if (window.location.search !== search) {
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`)
    }
  }, [query])

  // Health: on load, on refresh, and every 30 s.
  useEffect(() => {
    let controller = new AbortController()
    const check = () => {
      controller.abort()
      controller = new AbortController()
      const { signal } = controller
      fetchHealth({ signal }).then(
        (result) => !signal.aborted && setHealth({ kind: 'ok', health: result, checkedAt: Date.now() }),
        (error: unknown) =>
          !signal.aborted && !isAbort(error) && setHealth({ kind: 'error', message: describe(error), checkedAt: Date.now() }),
      )
    }
    check()
    const id = window.setInterval(check, HEALTH_POLL_MS)
    return () => {
      window.clearInterval(id)
      controller.abort()
    }
  }, [refreshCount])

  // Summary: on load and on refresh.
  useEffect(() => {
    const controller = new AbortController()
    fetchOfferSummary({ signal: controller.signal }).then(
      (rows) => setSummary({ kind: 'ok', rows }),
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return
        setSummary({ kind: 'error', message: describe(error) })
      },
    )
    return () => controller.abort()
  }, [refreshCount])

  const applyFilters = useCallback((filters: Filters) => setQuery((q) => ({ ...filters, page: 0, size: q.size, sort: q.sort })), [])
  const setPage = useCallback((page: number) => setQuery((q) => ({ ...q, page })), [])
  const setSize = useCallback((size: number) => setQuery((q) => ({ ...q, size, page: 0 })), [])
  const setSort = useCallback((sort: OfferSort) => setQuery((q) => ({ ...q, sort, page: 0 })), [])
  const resetFilters = useCallback(() => applyFilters({}), [applyFilters])
  const showProviderMarket = useCallback(
    (provider: string, market: Market) => applyFilters({ provider, market }),
    [applyFilters],
  )

  const providers = useMemo(() => {
    const fromSummary = summary.kind === 'ok' ? summary.rows.map((row) => row.provider) : []
    return [...new Set([...KNOWN_PROVIDERS, ...fromSummary])]
  }, [summary])

  const apiError = offers.error instanceof ApiError ? offers.error : null
  const { byField, other } = splitFieldErrors(apiError?.fieldErrors ?? [])
  const filters = filtersOf(query)
  const hasFilters = Object.values(filters).some((value) => value !== undefined)
  const page = offers.data

  return (
    <div className="app">
      <header className="app-header">
        <div>
          <h1>Capacity Broker</h1>
          <p className="app-header__tagline">Multi-cloud compute capacity and prices</p>
        </div>
        <button type="button" className="button" onClick={() => setRefreshCount((n) => n + 1)}>
          Refresh
        </button>
      </header>

      <StatusStrip health={health} offers={page?.items ?? (offers.error !== null ? [] : null)} now={now} />

      <main className="app-main">
        <ProviderSummary state={summary} onSelect={showProviderMarket} />

        <section className="panel" aria-labelledby="offers-heading">
          <div className="panel__header">
            <h2 id="offers-heading">Offers</h2>
            <span className="panel__meta" role="status">
              {offers.loading ? 'Loading offers…' : page ? `${formatInteger(page.totalItems)} offers match` : ''}
            </span>
          </div>

          <OfferFilters value={filters} providers={providers} fieldErrors={byField} onApply={applyFilters} />

          {offers.error !== null && (
            <div className="error-banner" role="alert">
              <strong>Offers could not be loaded.</strong> {describe(offers.error)}
              {other.length > 0 && (
                <ul>
                  {other.map((error, index) => (
                    <li key={index}>
                      <code>{error.field}</code>: {error.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}

          <OffersTable
            offers={page?.items ?? (offers.error !== null ? [] : null)}
            loading={offers.loading}
            sort={query.sort}
            now={now}
            onSort={setSort}
            onResetFilters={resetFilters}
            hasFilters={hasFilters}
            errorMessage={offers.error !== null ? 'No offers to show: see the error above.' : null}
          />

          <Pagination
            page={page?.page ?? query.page}
            size={query.size}
            totalItems={page?.totalItems ?? 0}
            totalPages={page?.totalPages ?? 0}
            itemsOnPage={page?.items.length ?? 0}
            sizeError={byField.size}
            onPage={setPage}
            onSize={setSize}
          />
        </section>
      </main>

      <footer className="app-footer muted">
        Prices in the listed currency per instance-hour. Times in UTC.
      </footer>
    </div>
  )
}

