-- A refresh rewrites an offer row only when something about it changed (price, capacity, reactivation);
-- when the provider's catalog was last confirmed is kept once per provider instead of on every row.
ALTER TABLE provider ADD COLUMN prices_refreshed_at timestamptz;

-- Sorting by price is done on the (filtered) result set; an index on the price made every price change
-- a non-HOT update of the row and of all its indexes.
DROP INDEX offer_price_idx;

-- Leave room on each page for in-place (HOT) updates of changed prices.
ALTER TABLE offer SET (fillfactor = 80);

COMMENT ON COLUMN offer.price_fetched_at IS
    'when the current price was first fetched; for active offers the price is confirmed as of provider.prices_refreshed_at';
COMMENT ON COLUMN offer.last_seen_at IS
    'when the offer last changed or reappeared; active offers were listed by the refresh of provider.prices_refreshed_at';
