import type { Offer, OfferSort } from '../api.ts'
import { formatAge, formatDecimal, formatInteger, formatMoney, formatRatePercent, formatUtc, marketName, providerName } from '../format.ts'

interface Props {
  offers: Offer[] | null
  loading: boolean
  sort: OfferSort
  now: number
  onSort: (sort: OfferSort) => void
  onResetFilters: () => void
  hasFilters: boolean
  /** Shown instead of rows when the last request failed. */
  errorMessage?: string | null
}

const COLUMNS = 11

function OfferRow({ offer, now }: { offer: Offer; now: number }) {
  const fetchedTitle = [
    `Fetched ${formatUtc(offer.priceFetchedAt)}`,
    `Observed ${formatUtc(offer.priceObservedAt)}`,
    `Source: ${offer.priceSource}`,
  ].join('\n')
  return (
    <tr className={offer.stale ? 'row--stale' : undefined}>
      <th scope="row" className="cell-instance" title={offer.offerId}>
        {offer.instanceType}
      </th>
      <td>{providerName(offer.provider)}</td>
      <td>
        {offer.region}
        {offer.zone && <span className="muted cell-zone"> {offer.zone}</span>}
      </td>
      <td>
        <span className={`market market--${offer.market}`}>{marketName(offer.market)}</span>
      </td>
      <td className="num">{formatInteger(offer.vcpus)}</td>
      <td className="num">{formatDecimal(offer.memoryGiB)}</td>
      <td className="num price">{formatMoney(offer.pricePerHour, offer.currency)}</td>
      <td className="num">{formatMoney(offer.pricePerVcpuHour, offer.currency)}</td>
      <td className="num">{formatRatePercent(offer.interruptionRatePerHour)}</td>
      <td className="num">{formatInteger(offer.available)}</td>
      <td className="cell-fetched">
        <time dateTime={offer.priceFetchedAt} title={fetchedTitle}>
          {formatAge(offer.priceFetchedAt, now)}
        </time>
        {offer.stale && <span className="badge badge--warn badge--small">stale</span>}
      </td>
    </tr>
  )
}

export function OffersTable({ offers, loading, sort, now, onSort, onResetFilters, hasFilters, errorMessage }: Props) {
  const ascending = sort === 'price'
  let body
  if (errorMessage) {
    body = (
      <tr>
        <td colSpan={COLUMNS} className="table-message table-message--error">
          {errorMessage}
        </td>
      </tr>
    )
  } else if (offers === null) {
    body = (
      <tr>
        <td colSpan={COLUMNS} className="table-message">
          Loading offers…
        </td>
      </tr>
    )
  } else if (offers.length === 0) {
    body = (
      <tr>
        <td colSpan={COLUMNS} className="table-message">
          No offers match these filters.
          {hasFilters && (
            <>
              {' '}
              <button type="button" className="button button--link" onClick={onResetFilters}>
                Reset filters
              </button>
            </>
          )}
        </td>
      </tr>
    )
  } else {
    body = offers.map((offer) => <OfferRow key={offer.offerId} offer={offer} now={now} />)
  }

  return (
    <div className={`table-wrap table-wrap--scroll${loading && offers ? ' table-wrap--loading' : ''}`} aria-busy={loading}>
      <table className="offers">
        <caption className="visually-hidden">
          Offers, sorted by price per hour, {ascending ? 'lowest' : 'highest'} first
        </caption>
        <thead>
          <tr>
            <th scope="col">Instance type</th>
            <th scope="col">Provider</th>
            <th scope="col">Region / zone</th>
            <th scope="col">Market</th>
            <th scope="col" className="num">
              vCPU
            </th>
            <th scope="col" className="num">
              Memory (GiB)
            </th>
            <th scope="col" className="num" aria-sort={ascending ? 'ascending' : 'descending'}>
              <button
                type="button"
                className="sort-button"
                onClick={() => onSort(ascending ? '-price' : 'price')}
                title={ascending ? 'Sorted lowest first; click for highest first' : 'Sorted highest first; click for lowest first'}
              >
                Price / hour <span aria-hidden="true">{ascending ? '▲' : '▼'}</span>
              </button>
            </th>
            <th scope="col" className="num">
              Per vCPU-hour
            </th>
            <th scope="col" className="num" title="Probability of an interruption within one hour">
              Interruption / h
            </th>
            <th scope="col" className="num" title="Instances available, when the provider reports it">
              Available
            </th>
            <th scope="col">Price fetched</th>
          </tr>
        </thead>
        <tbody>{body}</tbody>
      </table>
    </div>
  )
}
