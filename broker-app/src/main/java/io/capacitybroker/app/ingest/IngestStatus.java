package io.capacitybroker.app.ingest;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What the ingest runs say about freshness: per provider, the last success and the last attempt. */
@Component
public class IngestStatus {

    private final JdbcClient jdbc;

    public IngestStatus(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record ProviderFreshness(String provider, Instant lastSuccessAt, Instant lastAttemptAt, String lastStatus,
                                    String lastError, long activeOffers) {
    }

    public List<ProviderFreshness> byProvider() {
        return jdbc.sql("""
                        SELECT p.code,
                               (SELECT max(finished_at) FROM ingest_run r WHERE r.provider_code = p.code
                                   AND r.source_kind = 'prices' AND r.status = 'succeeded') AS last_success,
                               last.started_at, last.status, last.error,
                               (SELECT count(*) FROM offer o WHERE o.provider_code = p.code AND o.active) AS active_offers
                        FROM provider p
                        LEFT JOIN LATERAL (SELECT started_at, status, error FROM ingest_run r
                                           WHERE r.provider_code = p.code AND r.source_kind = 'prices'
                                           ORDER BY started_at DESC LIMIT 1) last ON true
                        ORDER BY p.code
                        """)
                .query((rs, n) -> new ProviderFreshness(rs.getString(1),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(),
                        rs.getString(4), rs.getString(5), rs.getLong(6)))
                .list();
    }
}
