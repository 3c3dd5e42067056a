package io.capacitybroker.app.catalog;

import java.util.List;

/** A page of a listing: 0-based page number, page size, and totals. */
public record PageView<T>(List<T> items, int page, int size, long totalItems, int totalPages) {
}
