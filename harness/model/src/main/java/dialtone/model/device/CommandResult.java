package dialtone.model.device;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A phone's answer to a command. For {@code remoteSignIn}: the user code of the device-code grant
 * it started, where to enter it and how many seconds it lives; or {@code error} if it could not.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandResult(String userCode, String verificationUri, Long expiresIn, String error) {
    public static CommandResult signInStarted(String userCode, String verificationUri, long expiresIn) {
        return new CommandResult(userCode, verificationUri, expiresIn, null);
    }

    public static CommandResult failed(String error) {
        return new CommandResult(null, null, null, error);
    }

    @JsonIgnore
    public boolean isError() {
        return error != null;
    }
}
