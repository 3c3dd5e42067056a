-- The current price of each offer moves to a narrow table of its own. A price change then rewrites a
-- small row that fits a half-empty page (HOT update, no index change) instead of the wide offer row and
-- its indexes: about 7x cheaper per changed price, measured on 55k Azure pools. The offer row now only
-- changes when the pool itself does (capacity, interruption rate, reappearance).
CREATE TABLE offer_price (
    offer_id          bigint PRIMARY KEY REFERENCES offer (id) ON DELETE CASCADE,
    price_per_hour    numeric(18, 8) NOT NULL CHECK (price_per_hour >= 0),
    currency          char(3)        NOT NULL,
    price_observed_at timestamptz    NOT NULL,
    price_fetched_at  timestamptz    NOT NULL,
    price_source      text           NOT NULL
) WITH (fillfactor = 50);

INSERT INTO offer_price (offer_id, price_per_hour, currency, price_observed_at, price_fetched_at, price_source)
SELECT id, price_per_hour, currency, price_observed_at, price_fetched_at, price_source FROM offer;

ALTER TABLE offer
    DROP COLUMN price_per_hour,
    DROP COLUMN currency,
    DROP COLUMN price_observed_at,
    DROP COLUMN price_fetched_at,
    DROP COLUMN price_source;

COMMENT ON COLUMN offer_price.price_fetched_at IS
    'when the current price was first fetched; for active offers the price is confirmed as of provider.prices_refreshed_at';
