package dialtone.backend.store;

import java.time.Instant;

/** An issued access or refresh token and whom it speaks for. {@code toString()} hides the token. */
public record AccessGrant(String token, Kind kind, String tenantId, String upn, String scope, Instant expiresAt) {
    public enum Kind { ACCESS, REFRESH }

    public boolean isValid(Instant now) {
        return now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "AccessGrant[" + kind + " for " + upn + " until " + expiresAt + "]";
    }
}
