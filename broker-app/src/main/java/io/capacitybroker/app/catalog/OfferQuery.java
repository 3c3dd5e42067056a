package io.capacitybroker.app.catalog;

import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Predicate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.jpa.domain.Specification;

/** Validated filters of the offers listing. Null fields do not filter. */
public record OfferQuery(String provider, String region, String market, String instanceType, BigDecimal minVcpus,
                         BigDecimal minMemoryGiB, boolean includeInactive) {

    Specification<OfferEntity> toSpecification() {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (!includeInactive) {
                where.add(cb.isTrue(root.get("active")));
            }
            if (provider != null) {
                where.add(cb.equal(root.get("providerCode"), provider));
            }
            if (market != null) {
                where.add(cb.equal(root.get("market"), market));
            }
            if (region != null) {
                Join<OfferEntity, RegionEntity> r = root.join("region");
                where.add(cb.equal(r.get("code"), region));
            }
            if (instanceType != null || minVcpus != null || minMemoryGiB != null) {
                Join<OfferEntity, InstanceTypeEntity> t = root.join("instanceType");
                if (instanceType != null) {
                    where.add(cb.equal(t.get("name"), instanceType));
                }
                if (minVcpus != null) {
                    where.add(cb.greaterThanOrEqualTo(t.get("vcpus"), minVcpus));
                }
                if (minMemoryGiB != null) {
                    where.add(cb.greaterThanOrEqualTo(t.get("memoryGib"), minMemoryGiB));
                }
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }
}
