package io.capacitybroker.ingest;

import io.capacitybroker.domain.CapacitySignal;
import io.capacitybroker.domain.ProviderId;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Merges a provider's capacity signals: the latest value per pool and kind is kept on the offer row
 * ({@code available_nodes}, {@code interruption_rate_per_hour}, {@code placement_score}); a history row
 * is written to {@code capacity_signal} only when that value changes. Runs inside the caller's transaction.
 */
final class CapacitySignalMerge {

    private CapacitySignalMerge() {
    }

    static int merge(Connection c, ProviderId provider, List<CapacitySignal> signals) throws SQLException, IOException {
        try (Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TEMP TABLE staging_signal (
                        offer_key text NOT NULL, kind text NOT NULL, observed_at timestamptz NOT NULL,
                        fetched_at timestamptz NOT NULL, value numeric NOT NULL, source text NOT NULL
                    ) ON COMMIT DROP
                    """);
        }
        StringBuilder csv = new StringBuilder(signals.size() * 120);
        CsvRow row = new CsvRow(csv);
        for (CapacitySignal s : signals) {
            if (!s.offer().provider().equals(provider)) {
                throw new IllegalArgumentException("adapter for " + provider + " sent a signal of " + s.offer().id());
            }
            if (s.kind() == CapacitySignal.Kind.CAPACITY_ERROR) {
                continue; // events, recorded by CapacityErrors when a rent fails
            }
            row.text(s.offer().id()).text(s.kind().name()).text(s.observedAt().toString()).text(s.fetchedAt().toString())
                    .raw(s.value().toPlainString()).text(s.source());
            row.end();
        }
        c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY staging_signal FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
        try (Statement st = c.createStatement()) {
            // one value per pool and kind (the newest), joined to the stored offer and its current value
            st.execute("""
                    CREATE TEMP TABLE changed_signal ON COMMIT DROP AS
                    SELECT o.id AS offer_id, s.kind, s.observed_at, s.fetched_at, s.value, s.source
                    FROM (SELECT DISTINCT ON (offer_key, kind) * FROM staging_signal
                          ORDER BY offer_key, kind, observed_at DESC) s
                    JOIN offer o ON o.offer_key = s.offer_key AND o.provider_code = '%s'
                    WHERE (s.kind = 'AVAILABLE_NODES' AND o.available_nodes IS DISTINCT FROM s.value::integer)
                       OR (s.kind = 'INTERRUPTION_RATE_PER_HOUR'
                           AND o.interruption_rate_per_hour IS DISTINCT FROM s.value::double precision)
                       OR (s.kind = 'PLACEMENT_SCORE' AND o.placement_score IS DISTINCT FROM s.value)
                    """.formatted(provider.code()));
            int written = st.executeUpdate("""
                    INSERT INTO capacity_signal (offer_id, kind, observed_at, fetched_at, value, source)
                    SELECT offer_id, kind, observed_at, fetched_at, value, source FROM changed_signal
                    ON CONFLICT (offer_id, kind, observed_at) DO UPDATE
                       SET value = EXCLUDED.value, fetched_at = EXCLUDED.fetched_at, source = EXCLUDED.source
                    """);
            st.executeUpdate("""
                    UPDATE offer o SET available_nodes = c.value::integer FROM changed_signal c
                    WHERE c.offer_id = o.id AND c.kind = 'AVAILABLE_NODES'
                    """);
            st.executeUpdate("""
                    UPDATE offer o SET interruption_rate_per_hour = c.value::double precision FROM changed_signal c
                    WHERE c.offer_id = o.id AND c.kind = 'INTERRUPTION_RATE_PER_HOUR' AND o.market = 'spot'
                    """);
            st.executeUpdate("""
                    UPDATE offer o SET placement_score = c.value FROM changed_signal c
                    WHERE c.offer_id = o.id AND c.kind = 'PLACEMENT_SCORE'
                    """);
            return written;
        }
    }
}
