package io.capacitybroker.app.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** An instance type (node shape) of one provider. */
@Entity
@Table(name = "instance_type")
public class InstanceTypeEntity {

    @Id
    private Long id;

    @Column(name = "provider_code", nullable = false)
    private String providerCode;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false, precision = 10, scale = 3)
    private BigDecimal vcpus;

    @Column(name = "memory_gib", nullable = false, precision = 12, scale = 4)
    private BigDecimal memoryGib;

    @Column(nullable = false)
    private int gpus;

    @Column(nullable = false)
    private String architecture;

    protected InstanceTypeEntity() {
    }

    public Long getId() {
        return id;
    }

    public String getProviderCode() {
        return providerCode;
    }

    public String getName() {
        return name;
    }

    public BigDecimal getVcpus() {
        return vcpus;
    }

    public BigDecimal getMemoryGib() {
        return memoryGib;
    }

    public int getGpus() {
        return gpus;
    }

    public String getArchitecture() {
        return architecture;
    }
}
