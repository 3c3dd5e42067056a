package io.capacitybroker.planner;

/** One broken rule of the contract, located by a JSON path such as {@code $.offers[3].vcpus}. */
public record Violation(String jsonPath, String message) {

    @Override
    public String toString() {
        return jsonPath + ": " + message;
    }
}
