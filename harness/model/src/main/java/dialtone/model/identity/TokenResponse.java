package dialtone.model.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Successful answer of {@code POST /{tenant}/oauth2/v2.0/token}. {@code toString()} hides the tokens. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("scope") String scope,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("id_token") String idToken) {

    @Override
    public String toString() {
        return "TokenResponse[tokenType=" + tokenType + ", scope=" + scope + ", expiresIn=" + expiresIn + ", tokens=***]";
    }
}
