package io.capacitybroker.app.web;

import java.util.List;

/** Bad input, naming every offending field. Rendered as RFC 9457 problem details with status 400 (or 422). */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldProblem> problems;
    private final int status;

    public InvalidRequestException(int status, String message, List<FieldProblem> problems) {
        super(message);
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    public InvalidRequestException(List<FieldProblem> problems) {
        this(400, "The request has invalid fields.", problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    public int status() {
        return status;
    }
}
