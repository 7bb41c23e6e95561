package dialtone.model.directory;

import dialtone.model.SignInMode;
import java.time.Instant;

/**
 * An account of the admin's tenant as {@code GET|POST /admin/v1/users} shows it (never the password).
 *
 * @param passwordExpiresDateTime when the password expires, {@code null} if it does not
 * @param mfa whether the account requires multi-factor authentication
 */
public record DirectoryUser(String upn, String displayName, SignInMode signInMode, Instant passwordExpiresDateTime,
                            Boolean mfa) {
}
