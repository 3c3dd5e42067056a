package io.capacitybroker.app.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A provider region as stored (read model; the ingest writes it in bulk). */
@Entity
@Table(name = "region")
public class RegionEntity {

    @Id
    private Long id;

    @Column(name = "provider_code", nullable = false)
    private String providerCode;

    @Column(nullable = false)
    private String code;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    private String country;
    private Double latitude;
    private Double longitude;

    @Column(name = "grid_zone")
    private String gridZone;

    @Column(name = "watttime_region")
    private String wattTimeRegion;

    protected RegionEntity() {
    }

    public Long getId() {
        return id;
    }

    public String getProviderCode() {
        return providerCode;
    }

    public String getCode() {
        return code;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getCountry() {
        return country;
    }

    public Double getLatitude() {
        return latitude;
    }

    public Double getLongitude() {
        return longitude;
    }

    public String getGridZone() {
        return gridZone;
    }

    public String getWattTimeRegion() {
        return wattTimeRegion;
    }
}
