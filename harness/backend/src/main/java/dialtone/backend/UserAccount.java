package dialtone.backend;

import dialtone.model.SignInMode;
import java.util.Objects;

/** An account of a tenant's directory. {@link #toString()} never shows the password. */
public record UserAccount(String upn, String displayName, String password, SignInMode signInMode) {
    public UserAccount {
        Objects.requireNonNull(upn, "upn");
        Objects.requireNonNull(password, "password");
        displayName = displayName == null ? upn : displayName;
        signInMode = signInMode == null ? SignInMode.COMMON_AREA : signInMode;
    }

    public static UserAccount commonArea(String upn, String displayName, String password) {
        return new UserAccount(upn, displayName, password, SignInMode.COMMON_AREA);
    }

    @Override
    public String toString() {
        return "UserAccount[upn=" + upn + ", displayName=" + displayName + ", signInMode=" + signInMode + ", password=***]";
    }
}
