package io.capacitybroker.app.web;

/** One bad input field: its name (a query parameter, or a JSON path for bodies) and what is wrong. */
public record FieldProblem(String field, String message) {
}
