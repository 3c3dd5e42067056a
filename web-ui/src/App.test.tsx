import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import App from './App.tsx'
import {
  SUMMARY,
  installFetch,
  json,
  lastOfferRequest,
  makeOffer,
  makePage,
  offerRequests,
  problem,
} from './test/mockApi.ts'

function offersTable() {
  return screen.getByRole('table', { name: /^Offers, sorted by price/ })
}

/** Data rows of the offers table (the header row excluded). */
function offerRows() {
  return within(offersTable()).getAllByRole('row').slice(1)
}

async function renderLoaded() {
  const user = userEvent.setup()
  render(<App />)
  await waitFor(() => expect(screen.getByRole('status')).not.toHaveTextContent('Loading'))
  return user
}

beforeEach(() => {
  window.history.replaceState(null, '', '/')
})

afterEach(() => {
  vi.useRealTimers()
})

describe('offers table', () => {
  it('renders one row per offer from the response, with formatted values', async () => {
    const fetchMock = installFetch({
      offers: () =>
        json(
          makePage(
            [
              makeOffer(),
              makeOffer({
                offerId: 'gcp:europe-west1:-:n2-standard-4:on_demand',
                provider: 'gcp',
                region: 'europe-west1',
                zone: null,
                instanceType: 'n2-standard-4',
                market: 'on_demand',
                vcpus: 4,
                memoryGiB: 16,
                pricePerHour: 0.1942,
                pricePerVcpuHour: 0.04855,
                interruptionRatePerHour: null,
                available: null,
              }),
            ],
            { totalItems: 12345, totalPages: 247 },
          ),
        ),
    })
    await renderLoaded()

    const rows = offerRows()
    expect(rows).toHaveLength(2)
    const first = within(rows[0])
    expect(first.getByRole('rowheader')).toHaveTextContent('m5.large')
    expect(first.getByText('AWS')).toBeInTheDocument()
    expect(first.getByText('us-east-1a')).toBeInTheDocument()
    expect(first.getByText('Spot')).toBeInTheDocument()
    expect(first.getByText('$0.0345')).toBeInTheDocument()
    expect(first.getByText('$0.0173')).toBeInTheDocument()
    expect(first.getByText('0.01%')).toBeInTheDocument()
    expect(first.getByText('40')).toBeInTheDocument()
    const second = within(rows[1])
    expect(second.getByRole('rowheader')).toHaveTextContent('n2-standard-4')
    expect(second.getByText('Google Cloud')).toBeInTheDocument()
    expect(second.getByText('On-demand')).toBeInTheDocument()
    expect(second.getByText('$0.1942')).toBeInTheDocument()
    expect(second.getAllByText('—')).toHaveLength(2) // no interruption rate, no availability

    expect(screen.getByRole('status')).toHaveTextContent('12,345 offers match')
    expect(screen.getByText('Page 1 of 247')).toBeInTheDocument()
    expect(lastOfferRequest(fetchMock)).toEqual({ page: '0', size: '50', sort: 'price' })
  })

  it('shows an empty state with a reset when nothing matches', async () => {
    window.history.replaceState(null, '', '/?provider=ovh')
    const fetchMock = installFetch({ offers: () => json(makePage([])) })
    const user = await renderLoaded()

    expect(within(offersTable()).getByText('No offers match these filters.')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Reset filters' }))
    await waitFor(() => expect(lastOfferRequest(fetchMock)).toEqual({ page: '0', size: '50', sort: 'price' }))
  })

  it('starts from the query in the page URL', async () => {
    window.history.replaceState(null, '', '/?provider=gcp&market=spot&page=2&size=100&sort=-price')
    const fetchMock = installFetch()
    await renderLoaded()

    expect(offerRequests(fetchMock)[0]).toEqual({ provider: 'gcp', market: 'spot', page: '2', size: '100', sort: '-price' })
    expect(screen.getByLabelText('Provider')).toHaveValue('gcp')
    expect(screen.getByLabelText('Market')).toHaveValue('spot')
  })
})

describe('filters, sorting and pagination', () => {
  it('sends every filter as a query parameter and goes back to the first page', async () => {
    window.history.replaceState(null, '', '/?page=3')
    const fetchMock = installFetch()
    const user = await renderLoaded()

    await user.selectOptions(screen.getByLabelText('Provider'), 'azure')
    await user.type(screen.getByLabelText('Region'), '  westeurope ')
    await user.selectOptions(screen.getByLabelText('Market'), 'on_demand')
    await user.type(screen.getByLabelText('Min vCPU'), '8')
    await user.type(screen.getByLabelText('Min memory (GiB)'), '31.5')
    // Nothing is sent before the filters are applied.
    expect(lastOfferRequest(fetchMock)).toEqual({ page: '3', size: '50', sort: 'price' })

    await user.click(screen.getByRole('button', { name: 'Apply filters' }))

    await waitFor(() =>
      expect(lastOfferRequest(fetchMock)).toEqual({
        provider: 'azure',
        region: 'westeurope',
        market: 'on_demand',
        minVcpus: '8',
        minMemoryGiB: '31.5',
        page: '0',
        size: '50',
        sort: 'price',
      }),
    )
    expect(window.location.search).toBe(
      '?provider=azure&region=westeurope&market=on_demand&minVcpus=8&minMemoryGiB=31.5&page=0&size=50&sort=price',
    )
  })

  it('applies the filters when Enter is pressed in a field', async () => {
    const fetchMock = installFetch()
    const user = await renderLoaded()

    await user.type(screen.getByLabelText('Region'), 'eu-west-3{Enter}')

    await waitFor(() => expect(lastOfferRequest(fetchMock)).toEqual({ region: 'eu-west-3', page: '0', size: '50', sort: 'price' }))
  })

  it('toggles the price sort between ascending and descending', async () => {
    const fetchMock = installFetch()
    const user = await renderLoaded()
    const priceHeader = within(offersTable()).getByRole('columnheader', { name: /Price \/ hour/ })
    expect(priceHeader).toHaveAttribute('aria-sort', 'ascending')

    await user.click(within(priceHeader).getByRole('button'))
    await waitFor(() => expect(lastOfferRequest(fetchMock)?.sort).toBe('-price'))
    expect(priceHeader).toHaveAttribute('aria-sort', 'descending')

    await user.click(within(priceHeader).getByRole('button'))
    await waitFor(() => expect(lastOfferRequest(fetchMock)?.sort).toBe('price'))
  })

  it('moves between pages with the pagination controls', async () => {
    const fetchMock = installFetch({
      offers: (params) => {
        const page = Number(params.get('page'))
        return json(
          makePage([makeOffer({ offerId: `offer-${page}`, instanceType: `type-on-page-${page}` })], {
            page,
            size: 50,
            totalItems: 120,
            totalPages: 3,
          }),
        )
      },
    })
    const user = await renderLoaded()
    const previous = screen.getByRole('button', { name: 'Previous page' })
    const next = screen.getByRole('button', { name: 'Next page' })
    expect(previous).toBeDisabled()
    expect(screen.getByText('Page 1 of 3')).toBeInTheDocument()

    await user.click(next)
    await waitFor(() => expect(screen.getByText('Page 2 of 3')).toBeInTheDocument())
    expect(lastOfferRequest(fetchMock)?.page).toBe('1')
    expect(offerRows()[0]).toHaveTextContent('type-on-page-1')
    expect(screen.getByText('Showing 51–51 of 120')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Last page' }))
    await waitFor(() => expect(screen.getByText('Page 3 of 3')).toBeInTheDocument())
    expect(lastOfferRequest(fetchMock)?.page).toBe('2')
    expect(next).toBeDisabled()

    await user.click(previous)
    await waitFor(() => expect(screen.getByText('Page 2 of 3')).toBeInTheDocument())
    expect(lastOfferRequest(fetchMock)?.page).toBe('1')
  })

  it('changes the page size and restarts at the first page', async () => {
    window.history.replaceState(null, '', '/?page=4')
    const fetchMock = installFetch()
    const user = await renderLoaded()

    await user.selectOptions(screen.getByLabelText('Rows per page'), '100')

    await waitFor(() => expect(lastOfferRequest(fetchMock)).toEqual({ page: '0', size: '100', sort: 'price' }))
  })
})

describe('errors from the API', () => {
  it('shows a problem-details 400 next to the filter that caused it', async () => {
    installFetch({
      offers: (params) =>
        params.has('minVcpus')
          ? problem(400, {
              title: 'Bad Request',
              detail: 'Invalid request parameters.',
              errors: [{ field: 'minVcpus', message: 'must be greater than or equal to 0' }],
            })
          : json(makePage([makeOffer()])),
    })
    const user = await renderLoaded()

    await user.type(screen.getByLabelText('Min vCPU'), '-1')
    await user.click(screen.getByRole('button', { name: 'Apply filters' }))

    const minVcpus = screen.getByLabelText('Min vCPU')
    await waitFor(() => expect(minVcpus).toHaveAttribute('aria-invalid', 'true'))
    expect(minVcpus).toHaveAccessibleDescription('must be greater than or equal to 0')
    // The message sits in the same field group as the input.
    expect(within(minVcpus.closest('.field') as HTMLElement).getByText('must be greater than or equal to 0')).toBeInTheDocument()
    // Other filters are not flagged.
    expect(screen.getByLabelText('Region')).not.toHaveAttribute('aria-invalid')
    expect(screen.getByLabelText('Min memory (GiB)')).not.toHaveAccessibleDescription()
    // The summary of the problem is shown above the table, and no stale rows remain.
    expect(screen.getByText(/Bad Request: Invalid request parameters\./)).toBeInTheDocument()
    expect(within(offersTable()).queryByText('m5.large')).not.toBeInTheDocument()
  })

  it('lists problem-details errors that belong to no filter in the error banner', async () => {
    installFetch({
      offers: () =>
        problem(400, { title: 'Bad Request', detail: 'Invalid request.', errors: [{ field: 'sort', message: 'unknown sort key' }] }),
    })
    await renderLoaded()

    const banner = screen.getByText('Offers could not be loaded.').closest('[role="alert"]') as HTMLElement
    expect(banner).toHaveTextContent('sort: unknown sort key')
  })
})

describe('status strip', () => {
  it('warns when an offer in view has stale prices', async () => {
    installFetch({
      offers: () => json(makePage([makeOffer(), makeOffer({ offerId: 'stale-one', instanceType: 'c5.xlarge', stale: true })])),
    })
    await renderLoaded()

    const strip = screen.getByRole('region', { name: 'Broker status' })
    expect(within(strip).getByRole('alert')).toHaveTextContent('Stale prices: 1 of 2 offers in view')
    const staleRow = offerRows().find((row) => row.textContent?.includes('c5.xlarge')) as HTMLElement
    expect(within(staleRow).getByText('stale')).toBeInTheDocument()
  })

  it('shows no stale warning when every price is fresh', async () => {
    installFetch({ offers: () => json(makePage([makeOffer(), makeOffer({ offerId: 'fresh-two', instanceType: 'c5.xlarge' })])) })
    await renderLoaded()

    expect(screen.queryByText(/Stale prices/)).not.toBeInTheDocument()
    expect(within(offersTable()).queryByText('stale')).not.toBeInTheDocument()
  })

  it('shows the newest priceFetchedAt in view in UTC with its age', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-11-23T10:03:05Z'))
    installFetch({
      offers: () =>
        json(
          makePage([
            makeOffer({ offerId: 'older', priceFetchedAt: '2026-11-23T09:00:00Z' }),
            makeOffer({ offerId: 'newest', priceFetchedAt: '2026-11-23T10:00:05Z' }),
          ]),
        ),
    })
    await renderLoaded()

    const strip = screen.getByRole('region', { name: 'Broker status' })
    expect(within(strip).getByText(/Newest price fetched/)).toHaveTextContent(
      'Newest price fetched 3 min ago (2026-11-23 10:00:05 UTC)',
    )
  })

  it('shows the broker UP with each health component', async () => {
    installFetch()
    await renderLoaded()

    const strip = screen.getByRole('region', { name: 'Broker status' })
    await waitFor(() => expect(within(strip).getByRole('list', { name: 'Health components' })).toBeInTheDocument())
    const components = within(within(strip).getByRole('list', { name: 'Health components' })).getAllByRole('listitem')
    expect(components.map((item) => item.textContent)).toEqual(['catalog UP', 'db UP'])
    expect(within(strip).queryByRole('alert')).not.toBeInTheDocument()
  })

  it('shows the broker DOWN (HTTP 503) and which component is down', async () => {
    installFetch({
      health: () => json({ status: 'DOWN', components: { catalog: { status: 'UP' }, db: { status: 'DOWN' } } }, 503),
    })
    await renderLoaded()

    const strip = screen.getByRole('region', { name: 'Broker status' })
    await waitFor(() => expect(within(strip).getByRole('alert')).toHaveTextContent('The broker reports DOWN'))
    const components = within(within(strip).getByRole('list', { name: 'Health components' })).getAllByRole('listitem')
    expect(components.map((item) => item.textContent)).toEqual(['catalog UP', 'db DOWN'])
  })

  it('reports the broker unreachable when the health check fails', async () => {
    installFetch({
      health: () => {
        throw new TypeError('Failed to fetch')
      },
    })
    await renderLoaded()

    const strip = screen.getByRole('region', { name: 'Broker status' })
    await waitFor(() => expect(within(strip).getByText('UNREACHABLE')).toBeInTheDocument())
    expect(within(strip).getByRole('alert')).toHaveTextContent('Health check failed: the broker could not be reached')
  })
})

describe('provider summary', () => {
  it('shows offers and the cheapest $/vCPU-hour per provider and market', async () => {
    installFetch({ summary: () => json(SUMMARY) })
    await renderLoaded()

    const table = await screen.findByRole('table', { name: /per provider and market/ })
    const rows = within(table).getAllByRole('row').slice(2, -1) // two header rows, one total row
    expect(rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent))).toEqual([
      ['AWS', '18,000', '17', 'lowest$0.0031', '6,000', '17', 'lowest$0.0104'],
      ['Google Cloud', '9,000', '30', '$0.0042', '—', '—', '—'],
    ])
    expect(within(table).getAllByRole('row').at(-1)).toHaveTextContent('All providers27,0006,000')
  })

  it('filters the offers table from a summary row', async () => {
    const fetchMock = installFetch({ summary: () => json(SUMMARY) })
    const user = await renderLoaded()

    await user.click(await screen.findByRole('button', { name: 'Show 9,000 Google Cloud spot offers' }))

    await waitFor(() =>
      expect(lastOfferRequest(fetchMock)).toEqual({ provider: 'gcp', market: 'spot', page: '0', size: '50', sort: 'price' }),
    )
    expect(screen.getByLabelText('Provider')).toHaveValue('gcp')
  })

  it('keeps the dashboard usable when the summary fails', async () => {
    installFetch({ summary: () => problem(500, { title: 'Internal Server Error' }) })
    await renderLoaded()

    expect(await screen.findByText('Summary unavailable: Internal Server Error')).toBeInTheDocument()
    expect(offerRows()).toHaveLength(1)
  })
})
