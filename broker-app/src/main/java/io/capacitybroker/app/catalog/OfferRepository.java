package io.capacitybroker.app.catalog;

import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.repository.Repository;

/** Read access to offers; writes go through the bulk ingest, never through JPA. */
public interface OfferRepository extends Repository<OfferEntity, Long>, JpaSpecificationExecutor<OfferEntity> {

    @Override
    @EntityGraph(attributePaths = {"region", "instanceType"})
    Page<OfferEntity> findAll(Specification<OfferEntity> spec, Pageable pageable);

    @EntityGraph(attributePaths = {"region", "instanceType"})
    Optional<OfferEntity> findByOfferKey(String offerKey);
}
