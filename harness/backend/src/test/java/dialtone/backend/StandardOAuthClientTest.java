package dialtone.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationGrantError;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import com.nimbusds.oauth2.sdk.id.ClientID;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A standard OAuth 2.0 client library (Nimbus OAuth 2.0 SDK), used exactly as its documentation
 * shows, completes the device authorization grant against the backend: proof the endpoints speak
 * RFC 8628 and not just what our own phones expect.
 */
class StandardOAuthClientTest extends RunningBackendTest {
    private static final ClientID TEAMS = new ClientID(TestBackends.CLIENT_ID);
    private static final Scope SCOPE = new Scope("https://api.spaces.skype.com/.default", "offline_access");

    private URI deviceEndpoint;
    private URI tokenEndpoint;

    @BeforeEach
    void start() {
        deviceEndpoint = URI.create(backend.url() + "/contoso/oauth2/v2.0/devicecode");
        tokenEndpoint = URI.create(backend.url() + "/contoso/oauth2/v2.0/token");
    }

    private DeviceAuthorizationSuccessResponse requestDeviceCode() throws Exception {
        DeviceAuthorizationResponse response = DeviceAuthorizationResponse.parse(
                new DeviceAuthorizationRequest(deviceEndpoint, TEAMS, SCOPE).toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).isTrue();
        return response.toSuccessResponse();
    }

    private TokenResponse poll(DeviceAuthorizationSuccessResponse authorization) throws Exception {
        return TokenResponse.parse(new TokenRequest(tokenEndpoint, TEAMS,
                new DeviceCodeGrant(authorization.getDeviceCode())).toHTTPRequest().send());
    }

    @Test
    void theLibraryCompletesTheGrantAndSeesPendingBefore() throws Exception {
        DeviceAuthorizationSuccessResponse authorization = requestDeviceCode();
        assertThat(authorization.getVerificationURI()).isEqualTo(URI.create(backend.url() + "/devicelogin"));
        assertThat(authorization.getLifetime()).isEqualTo(900);
        assertThat(authorization.getUserCode().getValue()).hasSize(9);

        TokenResponse pending = poll(authorization);
        assertThat(pending.indicatesSuccess()).isFalse();
        assertThat(pending.toErrorResponse().getErrorObject()).isEqualTo(DeviceAuthorizationGrantError.AUTHORIZATION_PENDING);

        assertThat(PortalForms.signIn(http, authorization.getUserCode().getValue(), TestBackends.UPN,
                TestBackends.PASSWORD)).contains("id=\"done\"");
        TokenResponse granted = poll(authorization);
        assertThat(granted.indicatesSuccess()).as(String.valueOf(granted)).isTrue();
        AccessTokenResponse tokens = granted.toSuccessResponse();
        assertThat(tokens.getTokens().getBearerAccessToken().getLifetime()).isEqualTo(3600);
        assertThat(tokens.getTokens().getRefreshToken()).isNotNull();

        // and refreshes with it
        TokenResponse refreshed = TokenResponse.parse(new TokenRequest(tokenEndpoint, TEAMS,
                new RefreshTokenGrant(tokens.getTokens().getRefreshToken())).toHTTPRequest().send());
        assertThat(refreshed.indicatesSuccess()).isTrue();
        assertThat(refreshed.toSuccessResponse().getTokens().getAccessToken().getValue())
                .isNotEqualTo(tokens.getTokens().getAccessToken().getValue());
    }

    @Test
    void theLibrarySeesExpiredTokenOnceTheClockPasses900Seconds() throws Exception {
        DeviceAuthorizationSuccessResponse authorization = requestDeviceCode();
        assertThat(http.post("/test/v1/clock", Map.of("advanceSeconds", 900), null).status()).isEqualTo(200);
        TokenResponse expired = poll(authorization);
        assertThat(expired.indicatesSuccess()).isFalse();
        assertThat(expired.toErrorResponse().getErrorObject()).isEqualTo(DeviceAuthorizationGrantError.EXPIRED_TOKEN);
        assertThat(expired.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(400);
    }
}
