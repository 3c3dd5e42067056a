import { useId } from 'react'
import { PAGE_SIZES } from '../api.ts'
import { formatInteger } from '../format.ts'

interface Props {
  page: number
  size: number
  totalItems: number
  totalPages: number
  itemsOnPage: number
  sizeError?: string[]
  onPage: (page: number) => void
  onSize: (size: number) => void
}

export function Pagination({ page, size, totalItems, totalPages, itemsOnPage, sizeError = [], onPage, onSize }: Props) {
  const id = useId()
  const first = totalItems === 0 || itemsOnPage === 0 ? 0 : page * size + 1
  const last = first === 0 ? 0 : page * size + itemsOnPage
  const lastPage = Math.max(0, totalPages - 1)
  const atStart = page <= 0
  const atEnd = page >= lastPage

  return (
    <nav className="pagination" aria-label="Offers pagination">
      <p className="pagination__range" aria-live="polite">
        {first === 0 ? (
          <>No offers</>
        ) : (
          <>
            Showing {formatInteger(first)}–{formatInteger(last)} of {formatInteger(totalItems)}
          </>
        )}
      </p>
      <div className="pagination__size field field--inline">
        <label htmlFor={`${id}-size`}>Rows per page</label>
        <select
          id={`${id}-size`}
          value={size}
          onChange={(event) => onSize(Number(event.target.value))}
          aria-invalid={sizeError.length > 0 ? true : undefined}
          aria-describedby={sizeError.length > 0 ? `${id}-size-error` : undefined}
        >
          {[...new Set([...PAGE_SIZES, size])].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        {sizeError.length > 0 && (
          <p className="field__error" id={`${id}-size-error`} role="alert">
            {sizeError.join(' ')}
          </p>
        )}
      </div>
      <div className="pagination__pages">
        <button type="button" className="button button--small" disabled={atStart} onClick={() => onPage(0)} aria-label="First page">
          «
        </button>
        <button type="button" className="button button--small" disabled={atStart} onClick={() => onPage(page - 1)} aria-label="Previous page">
          ‹ Prev
        </button>
        {totalPages > 0 && (
          <span className="pagination__current">
            Page {formatInteger(page + 1)} of {formatInteger(totalPages)}
          </span>
        )}
        <button type="button" className="button button--small" disabled={atEnd} onClick={() => onPage(page + 1)} aria-label="Next page">
          Next ›
        </button>
        <button type="button" className="button button--small" disabled={atEnd} onClick={() => onPage(lastPage)} aria-label="Last page">
          »
        </button>
      </div>
    </nav>
  )
}
