package dialtone.backend.identity;

import dialtone.model.identity.OAuthError;
import java.util.List;

/** An identity endpoint's error: HTTP 400 with {@code {"error","error_description"}}. */
public final class OAuthException extends RuntimeException {
    private final String error;
    private final List<Integer> errorCodes;

    public OAuthException(String error, String description, Integer... errorCodes) {
        super(description, null, false, false);
        this.error = error;
        this.errorCodes = List.of(errorCodes);
    }

    public OAuthError body() {
        return new OAuthError(error, getMessage(), errorCodes);
    }

    public String error() {
        return error;
    }
}
