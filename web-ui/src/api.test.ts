import { describe, expect, it } from 'vitest'
import { ApiError, fetchHealth, fetchOffers, offersQueryString, parseOffersQuery } from './api.ts'
import { installFetch, json, makeOffer, makePage, problem } from './test/mockApi.ts'

describe('offersQueryString', () => {
  it('omits empty filters and always sends paging and sort', () => {
    expect(offersQueryString({ page: 0, size: 50, sort: 'price', region: '  ', provider: '' })).toBe('page=0&size=50&sort=price')
  })

  it('sends every filter under the API parameter names', () => {
    expect(
      offersQueryString({
        provider: 'ovh',
        region: ' gra ',
        market: 'on_demand',
        minVcpus: 4,
        minMemoryGiB: 15.5,
        page: 2,
        size: 25,
        sort: '-price',
      }),
    ).toBe('provider=ovh&region=gra&market=on_demand&minVcpus=4&minMemoryGiB=15.5&page=2&size=25&sort=-price')
  })
})

describe('parseOffersQuery', () => {
  it('round-trips a query', () => {
    const query = { provider: 'aws', region: 'us-east-1', market: 'spot' as const, minVcpus: 2, minMemoryGiB: 8, page: 3, size: 100, sort: '-price' as const }
    expect(parseOffersQuery(`?${offersQueryString(query)}`)).toEqual(query)
  })

  it('falls back to defaults for junk', () => {
    expect(parseOffersQuery('?market=reserved&page=-1&size=7&sort=name&minVcpus=abc')).toEqual({
      provider: undefined,
      region: undefined,
      market: undefined,
      minVcpus: undefined,
      minMemoryGiB: undefined,
      page: 0,
      size: 50,
      sort: 'price',
    })
  })
})

describe('requests', () => {
  it('fetches a page of offers from /api/v1/offers', async () => {
    const page = makePage([makeOffer()])
    const fetchMock = installFetch({ offers: () => json(page) })

    await expect(fetchOffers({ page: 1, size: 25, sort: 'price', provider: 'aws' })).resolves.toEqual(page)
    expect(String(fetchMock.mock.calls[0][0])).toBe('/api/v1/offers?provider=aws&page=1&size=25&sort=price')
  })

  it('turns problem details into an ApiError with field errors', async () => {
    installFetch({
      offers: () => problem(400, { title: 'Bad Request', detail: 'Invalid request parameters.', errors: [{ field: 'size', message: 'must be at most 500' }] }),
    })

    const error = await fetchOffers({ page: 0, size: 5000, sort: 'price' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(400)
    expect((error as ApiError).message).toBe('Invalid request parameters.')
    expect((error as ApiError).fieldErrors).toEqual([{ field: 'size', message: 'must be at most 500' }])
  })

  it('reads a health body served with HTTP 503', async () => {
    installFetch({ health: () => json({ status: 'DOWN' }, 503) })
    await expect(fetchHealth()).resolves.toEqual({ status: 'DOWN' })
  })

  it('fails the health check when the answer has no status', async () => {
    installFetch({ health: () => new Response('<html>Bad gateway</html>', { status: 502 }) })
    await expect(fetchHealth()).rejects.toThrow('HTTP 502')
  })
})
