package io.capacitybroker.app.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

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

    /** {@code region_map} (bundled, verified) or {@code watttime_region_from_loc} (WattTime's answer for the position). */
    @Column(name = "watttime_region_source")
    private String wattTimeRegionSource;

    @Column(name = "watttime_region_resolved_at")
    private Instant wattTimeRegionResolvedAt;

    @Column(name = "watttime_region_checked_at")
    private Instant wattTimeRegionCheckedAt;

    @Column(name = "watttime_region_error")
    private String wattTimeRegionError;

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

    public String getWattTimeRegionSource() {
        return wattTimeRegionSource;
    }

    public Instant getWattTimeRegionResolvedAt() {
        return wattTimeRegionResolvedAt;
    }

    public Instant getWattTimeRegionCheckedAt() {
        return wattTimeRegionCheckedAt;
    }

    public String getWattTimeRegionError() {
        return wattTimeRegionError;
    }
}
