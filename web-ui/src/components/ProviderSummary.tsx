import { Fragment } from 'react'
import type { Market, OfferSummary } from '../api.ts'
import { formatInteger, formatMoney, marketName, providerName } from '../format.ts'

export type SummaryState = { kind: 'loading' } | { kind: 'ok'; rows: OfferSummary[] } | { kind: 'error'; message: string }

interface Props {
  state: SummaryState
  onSelect: (provider: string, market: Market) => void
}

const MARKET_ORDER: Record<string, number> = { spot: 0, on_demand: 1 }

function byMarketOrder(a: string, b: string): number {
  return (MARKET_ORDER[a] ?? 9) - (MARKET_ORDER[b] ?? 9) || a.localeCompare(b)
}

function cheapestByMarket(rows: OfferSummary[]): Map<string, number> {
  const cheapest = new Map<string, number>()
  for (const row of rows) {
    if (row.minPricePerVcpuHour === null || row.minPricePerVcpuHour === undefined) continue
    const current = cheapest.get(row.market)
    if (current === undefined || row.minPricePerVcpuHour < current) cheapest.set(row.market, row.minPricePerVcpuHour)
  }
  return cheapest
}

function SummaryTable({ rows, onSelect }: { rows: OfferSummary[]; onSelect: Props['onSelect'] }) {
  const markets = [...new Set(rows.map((row) => row.market))].sort(byMarketOrder)
  const providers = [...new Set(rows.map((row) => row.provider))].sort()
  const cell = new Map(rows.map((row) => [`${row.provider}|${row.market}`, row]))
  const cheapest = cheapestByMarket(rows)
  const totals = markets.map((market) => rows.filter((row) => row.market === market).reduce((sum, row) => sum + row.offers, 0))

  return (
    <table className="summary">
      <caption className="visually-hidden">Offers and cheapest price per vCPU-hour, per provider and market</caption>
      <thead>
        <tr>
          <th scope="col" rowSpan={2}>
            Provider
          </th>
          {markets.map((market) => (
            <th key={market} scope="colgroup" colSpan={3} className="group-start">
              {marketName(market)}
            </th>
          ))}
        </tr>
        <tr>
          {markets.map((market) => (
            <Fragment key={market}>
              <th scope="col" className="num group-start">
                Offers
              </th>
              <th scope="col" className="num">
                Regions
              </th>
              <th scope="col" className="num">
                Cheapest per vCPU-hour
              </th>
            </Fragment>
          ))}
        </tr>
      </thead>
      <tbody>
        {providers.map((provider) => (
          <tr key={provider}>
            <th scope="row">{providerName(provider)}</th>
            {markets.map((market) => {
              const row = cell.get(`${provider}|${market}`)
              if (!row) {
                return (
                  <Fragment key={market}>
                    <td className="num group-start muted">—</td>
                    <td className="num muted">—</td>
                    <td className="num muted">—</td>
                  </Fragment>
                )
              }
              const lowest = row.minPricePerVcpuHour !== null && cheapest.get(market) === row.minPricePerVcpuHour
              return (
                <Fragment key={market}>
                  <td className="num group-start">
                    <button
                      type="button"
                      className="button button--link"
                      onClick={() => onSelect(provider, market)}
                      aria-label={`Show ${formatInteger(row.offers)} ${providerName(provider)} ${marketName(market).toLowerCase()} offers`}
                    >
                      {formatInteger(row.offers)}
                    </button>
                  </td>
                  <td className="num">{formatInteger(row.regions)}</td>
                  <td className={`num${lowest ? ' cheapest' : ''}`}>
                    {lowest && <span className="badge badge--up badge--small">lowest</span>}
                    {formatMoney(row.minPricePerVcpuHour)}
                  </td>
                </Fragment>
              )
            })}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">All providers</th>
          {markets.map((market, index) => (
            <Fragment key={market}>
              <td className="num group-start">{formatInteger(totals[index])}</td>
              <td colSpan={2} />
            </Fragment>
          ))}
        </tr>
      </tfoot>
    </table>
  )
}

export function ProviderSummary({ state, onSelect }: Props) {
  let content
  if (state.kind === 'loading') {
    content = <p className="muted panel__message">Loading summary…</p>
  } else if (state.kind === 'error') {
    content = (
      <p className="panel__message panel__message--error" role="alert">
        Summary unavailable: {state.message}
      </p>
    )
  } else if (state.rows.length === 0) {
    content = <p className="muted panel__message">No offers in the catalog yet.</p>
  } else {
    content = (
      <div className="table-wrap table-wrap--fit">
        <SummaryTable rows={state.rows} onSelect={onSelect} />
      </div>
    )
  }

  return (
    <section className="panel" aria-labelledby="summary-heading">
      <div className="panel__header">
        <h2 id="summary-heading">Providers at a glance</h2>
        {state.kind === 'ok' && state.rows.length > 0 && (
          <span className="panel__meta">Whole catalog. Select an offer count to list those offers below.</span>
        )}
      </div>
      {content}
    </section>
  )
}
