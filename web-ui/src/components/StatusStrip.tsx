import type { Health, Offer } from '../api.ts'
import { formatAge, formatUtc } from '../format.ts'
import { StatusBadge } from './StatusBadge.tsx'

export type HealthState =
  | { kind: 'loading' }
  | { kind: 'ok'; health: Health; checkedAt: number }
  | { kind: 'error'; message: string; checkedAt: number }

interface Props {
  health: HealthState
  /** Offers currently in view, or null while none are loaded. */
  offers: Offer[] | null
  now: number
}

function newestFetchedAt(offers: Offer[]): string | null {
  let newest: string | null = null
  let newestTime = -Infinity
  for (const offer of offers) {
    const time = Date.parse(offer.priceFetchedAt)
    if (!Number.isNaN(time) && time > newestTime) {
      newestTime = time
      newest = offer.priceFetchedAt
    }
  }
  return newest
}

export function StatusStrip({ health, offers, now }: Props) {
  const overall = health.kind === 'ok' ? health.health.status : health.kind === 'error' ? 'UNREACHABLE' : null
  const components = health.kind === 'ok' ? Object.entries(health.health.components ?? {}) : []
  const newest = offers ? newestFetchedAt(offers) : null
  const staleCount = offers ? offers.filter((offer) => offer.stale).length : 0

  return (
    <section className={`status-strip${overall && overall !== 'UP' ? ' status-strip--alarm' : ''}`} aria-label="Broker status">
      <div className="status-item">
        <span className="status-item__label">Broker health</span>
        <div className="status-item__value">
          {overall === null ? <span className="muted">Checking…</span> : <StatusBadge status={overall} />}
          {components.length > 0 && (
            <ul className="health-components" aria-label="Health components">
              {components.map(([name, component]) => (
                <li key={name}>
                  <span className="health-components__name">{name}</span> <StatusBadge status={component.status} />
                </li>
              ))}
            </ul>
          )}
        </div>
        {health.kind === 'error' && (
          <p className="status-item__note" role="alert">
            Health check failed: {health.message}
          </p>
        )}
        {health.kind === 'ok' && health.health.status !== 'UP' && (
          <p className="status-item__note" role="alert">
            The broker reports {health.health.status.replaceAll('_', ' ')}: offers and prices may be incomplete or out of date.
          </p>
        )}
      </div>

      <div className="status-item">
        <span className="status-item__label">Data freshness</span>
        <div className="status-item__value">
          {newest ? (
            <span>
              Newest price fetched{' '}
              <time dateTime={newest} title={formatUtc(newest)}>
                {formatAge(newest, now)}
              </time>{' '}
              <span className="muted">({formatUtc(newest)})</span>
            </span>
          ) : (
            <span className="muted">{offers === null ? 'Waiting for offers…' : 'No offers in view'}</span>
          )}
        </div>
        {staleCount > 0 && (
          <p className="stale-warning" role="alert">
            <span aria-hidden="true">⚠ </span>
            Stale prices: {staleCount} of {offers!.length} offers in view have prices older than the broker&apos;s
            freshness window. Check them before committing spend.
          </p>
        )}
      </div>

      {health.kind !== 'loading' && (
        <div className="status-item status-item--end">
          <span className="status-item__label">Checked</span>
          <div className="status-item__value muted">
            <time dateTime={new Date(health.checkedAt).toISOString()} title={formatUtc(new Date(health.checkedAt).toISOString())}>
              {formatAge(new Date(health.checkedAt).toISOString(), now)}
            </time>
          </div>
        </div>
      )}
    </section>
  )
}
