package dialtone.model.identity;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Answer of {@code POST /{tenant}/oauth2/v2.0/devicecode} (RFC 8628 §3.2, Entra's shape).
 * {@code toString()} hides the device code (it is a credential).
 */
public record DeviceCodeResponse(
        @JsonProperty("device_code") String deviceCode,
        @JsonProperty("user_code") String userCode,
        @JsonProperty("verification_uri") String verificationUri,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("interval") long interval,
        @JsonProperty("message") String message) {

    /** {@code grant_type} of the token polls that redeem a device code. */
    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";

    @Override
    public String toString() {
        return "DeviceCodeResponse[userCode=" + userCode + ", verificationUri=" + verificationUri
                + ", expiresIn=" + expiresIn + ", interval=" + interval + ", deviceCode=***]";
    }
}
