package io.capacitybroker.app.web;

/** The addressed resource does not exist; rendered as a 404 problem. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
