import { useId, useState, type FormEvent } from 'react'
import { MARKETS, type Market, type OfferFilters as Filters } from '../api.ts'
import { marketName, providerName } from '../format.ts'

interface Draft {
  provider: string
  region: string
  market: string
  minVcpus: string
  minMemoryGiB: string
}

function toDraft(filters: Filters): Draft {
  return {
    provider: filters.provider ?? '',
    region: filters.region ?? '',
    market: filters.market ?? '',
    minVcpus: filters.minVcpus === undefined ? '' : String(filters.minVcpus),
    minMemoryGiB: filters.minMemoryGiB === undefined ? '' : String(filters.minMemoryGiB),
  }
}

function toNumber(raw: string): number | undefined {
  if (raw.trim() === '') return undefined
  const value = Number(raw)
  return Number.isFinite(value) ? value : undefined
}

function fromDraft(draft: Draft): Filters {
  return {
    provider: draft.provider || undefined,
    region: draft.region.trim() || undefined,
    market: (MARKETS as readonly string[]).includes(draft.market) ? (draft.market as Market) : undefined,
    minVcpus: toNumber(draft.minVcpus),
    minMemoryGiB: toNumber(draft.minMemoryGiB),
  }
}

function draftKey(draft: Draft): string {
  return JSON.stringify(draft)
}

interface Props {
  /** The filters currently applied to the table. */
  value: Filters
  providers: string[]
  /** Server-side validation messages per query parameter (provider, region, market, minVcpus, minMemoryGiB). */
  fieldErrors: Record<string, string[]>
  onApply: (filters: Filters) => void
}

export function OfferFilters({ value, providers, fieldErrors, onApply }: Props) {
  const id = useId()
  const applied = toDraft(value)
  const [draft, setDraft] = useState<Draft>(applied)
  // Follow the applied filters when they change from outside (reset, summary shortcuts, URL).
  const [appliedKey, setAppliedKey] = useState(draftKey(applied))
  if (appliedKey !== draftKey(applied)) {
    setAppliedKey(draftKey(applied))
    setDraft(applied)
  }

  const set = (name: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [name]: event.target.value }))

  const submit = (event: FormEvent) => {
    event.preventDefault()
    onApply(fromDraft(draft))
  }

  const empty: Draft = { provider: '', region: '', market: '', minVcpus: '', minMemoryGiB: '' }
  const isEmpty = draftKey(draft) === draftKey(empty) && draftKey(applied) === draftKey(empty)
  const dirty = draftKey(draft) !== draftKey(applied)

  const field = (name: keyof Draft) => {
    const errors = fieldErrors[name] ?? []
    const inputId = `${id}-${name}`
    const errorId = `${inputId}-error`
    return {
      inputProps: {
        id: inputId,
        name,
        value: draft[name],
        onChange: set(name),
        'aria-invalid': errors.length > 0 ? true : undefined,
        'aria-describedby': errors.length > 0 ? errorId : undefined,
      },
      error:
        errors.length > 0 ? (
          <p className="field__error" id={errorId} role="alert">
            {errors.join(' ')}
          </p>
        ) : null,
      inputId,
    }
  }

  const provider = field('provider')
  const region = field('region')
  const market = field('market')
  const minVcpus = field('minVcpus')
  const minMemory = field('minMemoryGiB')
  const providerOptions = [...new Set([...providers, ...(value.provider ? [value.provider] : [])])]

  return (
    <form className="filters" role="search" aria-label="Offer filters" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={provider.inputId}>Provider</label>
        <select {...provider.inputProps}>
          <option value="">All providers</option>
          {providerOptions.map((p) => (
            <option key={p} value={p}>
              {providerName(p)}
            </option>
          ))}
        </select>
        {provider.error}
      </div>
      <div className="field">
        <label htmlFor={region.inputId}>Region</label>
        <input type="text" placeholder="e.g. us-east-1" autoComplete="off" spellCheck={false} {...region.inputProps} />
        {region.error}
      </div>
      <div className="field">
        <label htmlFor={market.inputId}>Market</label>
        <select {...market.inputProps}>
          <option value="">Any market</option>
          {MARKETS.map((m) => (
            <option key={m} value={m}>
              {marketName(m)}
            </option>
          ))}
        </select>
        {market.error}
      </div>
      <div className="field field--narrow">
        <label htmlFor={minVcpus.inputId}>Min vCPU</label>
        <input type="number" inputMode="numeric" min={0} step={1} placeholder="any" {...minVcpus.inputProps} />
        {minVcpus.error}
      </div>
      <div className="field field--narrow">
        <label htmlFor={minMemory.inputId}>Min memory (GiB)</label>
        <input type="number" inputMode="decimal" min={0} step="any" placeholder="any" {...minMemory.inputProps} />
        {minMemory.error}
      </div>
      <div className="filters__actions">
        <button type="submit" className="button button--primary">
          Apply filters
          {dirty && <span className="dirty-dot" aria-hidden="true" title="Changed, not applied yet" />}
        </button>
        <button
          type="button"
          className="button"
          disabled={isEmpty}
          onClick={() => {
            setDraft(empty)
            onApply({})
          }}
        >
          Reset
        </button>
      </div>
    </form>
  )
}
