package io.capacitybroker.app.web;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the REST API is RFC 9457 problem details ({@code application/problem+json}); input
 * errors carry an {@code errors} array naming each bad field.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    static final URI INVALID_REQUEST = URI.create("https://capacity-broker.io/problems/invalid-request");
    static final URI NOT_FOUND = URI.create("https://capacity-broker.io/problems/not-found");

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException e) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(e.status()), describe(e.problems(), e.getMessage()));
        pd.setType(INVALID_REQUEST);
        pd.setTitle(e.status() == 422 ? "Unprocessable request" : "Invalid request");
        pd.setProperty("errors", e.problems());
        return pd;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "a valid value" : e.getRequiredType().getSimpleName();
        return invalid(new InvalidRequestException(List.of(new FieldProblem(e.getName(),
                "'" + e.getValue() + "' is not " + article(expected) + " " + expected))));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        pd.setType(NOT_FOUND);
        pd.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(pd);
    }

    private static String describe(List<FieldProblem> problems, String fallback) {
        if (problems.isEmpty()) {
            return fallback;
        }
        StringBuilder sb = new StringBuilder();
        for (FieldProblem p : problems) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(p.field()).append(": ").append(p.message());
        }
        return sb.toString();
    }

    private static String article(String word) {
        return "AEIOUaeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }
}
