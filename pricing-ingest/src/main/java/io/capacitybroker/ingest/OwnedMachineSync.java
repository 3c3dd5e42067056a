package io.capacitybroker.ingest;

import io.capacitybroker.provider.spi.Capability;
import io.capacitybroker.provider.spi.OwnedMachine;
import io.capacitybroker.provider.spi.ProviderAdapter;
import io.capacitybroker.provider.spi.ProviderException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code owned_node} in step with the machines a provider reports as owned (the baseline): new
 * machines are added, changed ones updated, and machines no longer reported are deactivated (never
 * deleted: plans and audit entries refer to them). A provider error leaves the stored baseline as it was.
 */
public class OwnedMachineSync {

    private static final Logger log = LoggerFactory.getLogger(OwnedMachineSync.class);

    private final DataSource dataSource;

    public OwnedMachineSync(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** @return how many machines are active for the provider after the sync, or empty if it could not list them */
    public Optional<Integer> sync(ProviderAdapter adapter) {
        if (!adapter.capabilities().supports(Capability.LIST_OWNED)) {
            return Optional.empty();
        }
        String provider = adapter.provider().code();
        List<OwnedMachine> machines;
        try {
            machines = adapter.listOwnedMachines();
        } catch (ProviderException e) {
            log.warn("owned machines of {} not refreshed ({}), keeping the stored baseline: {}", provider, e.code(),
                    e.getMessage());
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement region = c.prepareStatement("""
                        INSERT INTO region (provider_code, code, display_name) VALUES (?, ?, ?)
                        ON CONFLICT (provider_code, code) DO NOTHING""");
                     PreparedStatement upsert = c.prepareStatement("""
                             INSERT INTO owned_node (id, provider_code, region_id, vcpus, memory_gib, measured_watts, active)
                             SELECT ?, ?, r.id, ?, ?, ?, true FROM region r WHERE r.provider_code = ? AND r.code = ?
                             ON CONFLICT (id) DO UPDATE SET provider_code = EXCLUDED.provider_code,
                                    region_id = EXCLUDED.region_id, vcpus = EXCLUDED.vcpus, memory_gib = EXCLUDED.memory_gib,
                                    measured_watts = COALESCE(EXCLUDED.measured_watts, owned_node.measured_watts),
                                    active = true""")) {
                    for (OwnedMachine m : machines) {
                        if (!m.provider().equals(adapter.provider())) {
                            throw new IllegalArgumentException(provider + " reported a machine of " + m.provider());
                        }
                        region.setString(1, provider);
                        region.setString(2, m.region());
                        region.setString(3, m.region());
                        region.addBatch();
                        upsert.setString(1, m.id());
                        upsert.setString(2, provider);
                        upsert.setBigDecimal(3, m.shape().vcpus());
                        upsert.setBigDecimal(4, m.shape().memoryGiB());
                        upsert.setObject(5, m.measuredWatts());
                        upsert.setString(6, provider);
                        upsert.setString(7, m.region());
                        upsert.addBatch();
                    }
                    region.executeBatch();
                    upsert.executeBatch();
                }
                try (PreparedStatement gone = c.prepareStatement(
                        "UPDATE owned_node SET active = false WHERE provider_code = ? AND active AND NOT (id = ANY (?))")) {
                    Array ids = c.createArrayOf("text", machines.stream().map(OwnedMachine::id).toArray());
                    gone.setString(1, provider);
                    gone.setArray(2, ids);
                    gone.executeUpdate();
                }
                c.commit();
                return Optional.of(machines.size());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            log.error("cannot store the owned machines of {}", provider, e);
            return Optional.empty();
        }
    }
}
