package dialtone.model.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An identity endpoint's HTTP 400 body. Device-code grant errors (RFC 8628 §3.5, Entra's names):
 * {@code authorization_pending}, {@code slow_down}, {@code authorization_declined},
 * {@code expired_token}, {@code bad_verification_code}; also {@code invalid_client},
 * {@code invalid_request}, {@code unsupported_grant_type}, {@code invalid_grant}.
 * {@code error_codes} carries Entra's AADSTS number where a client must tell one {@code invalid_grant}
 * from another ({@link #PASSWORD_EXPIRED_CODE}); absent otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record OAuthError(
        @JsonProperty("error") String error,
        @JsonProperty("error_description") String errorDescription,
        @JsonProperty("error_codes") List<Integer> errorCodes) {

    public static final String AUTHORIZATION_PENDING = "authorization_pending";
    public static final String SLOW_DOWN = "slow_down";
    public static final String AUTHORIZATION_DECLINED = "authorization_declined";
    public static final String EXPIRED_TOKEN = "expired_token";
    public static final String BAD_VERIFICATION_CODE = "bad_verification_code";
    public static final String INVALID_CLIENT = "invalid_client";
    public static final String INVALID_REQUEST = "invalid_request";
    public static final String INVALID_GRANT = "invalid_grant";
    public static final String UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type";
    /** AADSTS50055: the account's password has expired; the user must change it where they sign in. */
    public static final int PASSWORD_EXPIRED_CODE = 50055;

    public OAuthError {
        errorCodes = errorCodes == null ? List.of() : List.copyOf(errorCodes);
    }

    public OAuthError(String error, String errorDescription) {
        this(error, errorDescription, List.of());
    }
}
