package io.capacitybroker.provider.azure;

import java.math.BigDecimal;
import java.time.Instant;

/** The fields of one Retail Prices API item that the adapter uses (null when the item lacks them). */
record RetailPriceRow(String armRegionName, String armSkuName, String meterName, String skuName, String productName,
                      String serviceName, String type, String unitOfMeasure, String currencyCode,
                      BigDecimal retailPrice, BigDecimal tierMinimumUnits, Instant effectiveStartDate,
                      boolean primaryMeterRegion) {
}
