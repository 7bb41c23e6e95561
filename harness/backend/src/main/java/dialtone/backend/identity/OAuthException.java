package dialtone.backend.identity;

import dialtone.model.identity.OAuthError;

/** An identity endpoint's error: HTTP 400 with {@code {"error","error_description"}}. */
public final class OAuthException extends RuntimeException {
    private final String error;

    public OAuthException(String error, String description) {
        super(description, null, false, false);
        this.error = error;
    }

    public OAuthError body() {
        return new OAuthError(error, getMessage());
    }

    public String error() {
        return error;
    }
}
