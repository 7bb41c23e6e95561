package dialtone.backend.identity;

import static dialtone.model.identity.OAuthError.AUTHORIZATION_DECLINED;
import static dialtone.model.identity.OAuthError.AUTHORIZATION_PENDING;
import static dialtone.model.identity.OAuthError.BAD_VERIFICATION_CODE;
import static dialtone.model.identity.OAuthError.EXPIRED_TOKEN;
import static dialtone.model.identity.OAuthError.INVALID_CLIENT;
import static dialtone.model.identity.OAuthError.INVALID_GRANT;
import static dialtone.model.identity.OAuthError.INVALID_REQUEST;
import static dialtone.model.identity.OAuthError.SLOW_DOWN;
import static dialtone.model.identity.OAuthError.UNSUPPORTED_GRANT_TYPE;

import dialtone.backend.BackendConfig;
import dialtone.backend.Directory;
import dialtone.backend.Secrets;
import dialtone.backend.store.AccessGrant;
import dialtone.backend.store.BackendStore;
import dialtone.backend.store.DeviceAuthorization;
import dialtone.model.BackendClock;
import dialtone.model.DeviceLoginCode;
import dialtone.model.identity.DeviceCodeResponse;
import dialtone.model.identity.OAuthError;
import dialtone.model.identity.TokenResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The OAuth 2.0 device authorization grant (RFC 8628) as Entra ID serves it: the phone asks for
 * a device code, polls the token endpoint, and a person approves the user code at the portal.
 */
public final class DeviceCodeGrant {
    /** RFC 8628 §3.5: after slow_down the interval grows by 5 seconds for all later polls. */
    static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);
    private static final Set<String> MULTI_TENANT = Set.of("organizations", "common");
    static final String REFRESH_TOKEN = "refresh_token";
    /** Entra's default inactivity lifetime of a refresh token. */
    static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofDays(90);

    private final BackendStore store;
    private final Directory directory;
    private final BackendConfig config;
    private final BackendClock clock;
    private final Supplier<String> verificationUri;

    public DeviceCodeGrant(BackendStore store, Directory directory, BackendConfig config, Supplier<String> verificationUri) {
        this.store = store;
        this.directory = directory;
        this.config = config;
        this.clock = config.clock();
        this.verificationUri = verificationUri;
    }

    /** {@code POST /{tenant}/oauth2/v2.0/devicecode}. */
    public DeviceCodeResponse start(String tenantInPath, String clientId, String scope) {
        String tenantId = tenantOf(tenantInPath);
        checkClient(clientId);
        if (scope == null || scope.isBlank()) {
            throw new OAuthException(INVALID_REQUEST, "The request body must contain the following parameter: 'scope'.");
        }
        return store.inTransaction(() -> {
            Instant now = clock.instant();
            DeviceLoginCode userCode;
            do {
                userCode = DeviceLoginCode.generate();
            } while (store.grants().byUserCode(userCode.normalized()).filter(a -> !a.isExpired(now)).isPresent());
            DeviceAuthorization authorization = new DeviceAuthorization(Secrets.randomToken(48), userCode, clientId,
                    scope.strip(), tenantId, now, now.plus(config.deviceCodeLifetime()), config.devicePollInterval(),
                    null, DeviceAuthorization.Status.PENDING, null, null);
            store.grants().save(authorization);
            String uri = verificationUri.get();
            return new DeviceCodeResponse(authorization.deviceCode(), userCode.toString(), uri,
                    config.deviceCodeLifetime().toSeconds(), config.devicePollInterval().toSeconds(),
                    "To sign in, use a web browser to open the page " + uri + " and enter the code " + userCode
                            + " to authenticate.");
        });
    }

    /** {@code POST /{tenant}/oauth2/v2.0/token}: the device-code grant, or a refresh (RFC 6749 §6). */
    public TokenResponse token(String tenantInPath, String grantType, String clientId, String deviceCode,
                               String refreshToken) {
        if (REFRESH_TOKEN.equals(grantType)) {
            tenantOf(tenantInPath);
            checkClient(clientId);
            return refresh(refreshToken);
        }
        return poll(tenantInPath, grantType, clientId, deviceCode);
    }

    /** {@code POST /{tenant}/oauth2/v2.0/token} with the device-code grant type. */
    public TokenResponse poll(String tenantInPath, String grantType, String clientId, String deviceCode) {
        tenantOf(tenantInPath);
        if (!DeviceCodeResponse.GRANT_TYPE.equals(grantType)) {
            throw new OAuthException(UNSUPPORTED_GRANT_TYPE, "The grant type is not supported here; use "
                    + DeviceCodeResponse.GRANT_TYPE + " or " + REFRESH_TOKEN + ".");
        }
        checkClient(clientId);
        if (deviceCode == null || deviceCode.isBlank()) {
            throw new OAuthException(INVALID_REQUEST, "The request body must contain the following parameter: 'device_code'.");
        }
        return store.inTransaction(() -> {
            Instant now = clock.instant();
            DeviceAuthorization a = store.grants().byDeviceCode(deviceCode)
                    .filter(found -> found.clientId().equals(clientId))
                    .orElseThrow(() -> new OAuthException(BAD_VERIFICATION_CODE,
                            "The device_code sent to the token endpoint wasn't recognized."));
            switch (a.status()) {
                case REDEEMED -> throw new OAuthException(INVALID_GRANT, "The device code was already redeemed.");
                case DECLINED -> throw new OAuthException(AUTHORIZATION_DECLINED, "The end user denied the authorization request.");
                case APPROVED -> {
                    if (a.isExpired(now)) {
                        throw new OAuthException(EXPIRED_TOKEN, "The device code has expired.");
                    }
                    store.grants().save(a.withStatus(DeviceAuthorization.Status.REDEEMED));
                    return issueTokens(a.approvedTenantId(), a.approvedUpn(), a.scope(), now);
                }
                case PENDING -> {
                    if (a.isExpired(now)) {
                        throw new OAuthException(EXPIRED_TOKEN, "The device code has expired.");
                    }
                    if (a.lastPolledAt() != null && now.isBefore(a.lastPolledAt().plus(a.interval()))) {
                        store.grants().save(a.polled(now, a.interval().plus(SLOW_DOWN_STEP)));
                        throw new OAuthException(SLOW_DOWN, "Polling too fast: wait at least "
                                + a.interval().plus(SLOW_DOWN_STEP).toSeconds() + " s between requests.");
                    }
                    store.grants().save(a.polled(now, a.interval()));
                    throw new OAuthException(AUTHORIZATION_PENDING, "The user hasn't finished authenticating.");
                }
                default -> throw new IllegalStateException(a.status().name());
            }
        });
    }

    /**
     * A refresh token for new tokens. This is where a signed-in phone learns that its account's
     * password expired: Entra answers {@code invalid_grant} with AADSTS50055 and the phone asks
     * for a new password on the device.
     */
    private TokenResponse refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new OAuthException(INVALID_REQUEST, "The request body must contain the following parameter: 'refresh_token'.");
        }
        return store.inTransaction(() -> {
            Instant now = clock.instant();
            AccessGrant old = store.grants().grant(refreshToken)
                    .filter(g -> g.kind() == AccessGrant.Kind.REFRESH && g.isValid(now))
                    .orElseThrow(() -> new OAuthException(INVALID_GRANT, "The refresh token is unknown or has expired."
                            + " Sign in again."));
            Directory.Member member = directory.member(old.upn())
                    .orElseThrow(() -> new OAuthException(INVALID_GRANT, "The account of this refresh token no longer exists."));
            if (member.account().isPasswordExpired(now)) {
                throw new OAuthException(INVALID_GRANT, "AADSTS50055: The password is expired.",
                        OAuthError.PASSWORD_EXPIRED_CODE);
            }
            return issueTokens(old.tenantId(), member.account().upn(), old.scope(), now);
        });
    }

    /** Fresh tokens for an account that just proved itself on the device (a changed password). */
    public TokenResponse issueTokens(String tenantId, String upn, String scope) {
        return store.inTransaction(() -> issueTokens(tenantId, upn, scope, clock.instant()));
    }

    private TokenResponse issueTokens(String tenantId, String upn, String scope, Instant now) {
        Duration lifetime = directory.member(upn).map(m -> m.account().accessTokenLifetime()).filter(java.util.Objects::nonNull)
                .orElse(config.accessTokenLifetime());
        AccessGrant access = new AccessGrant(Secrets.randomToken(48), AccessGrant.Kind.ACCESS, tenantId, upn, scope,
                now.plus(lifetime));
        AccessGrant refresh = new AccessGrant(Secrets.randomToken(48), AccessGrant.Kind.REFRESH, tenantId, upn, scope,
                now.plus(REFRESH_TOKEN_LIFETIME));
        store.grants().save(access);
        store.grants().save(refresh);
        return new TokenResponse("Bearer", scope, lifetime.toSeconds(), access.token(), refresh.token(), null);
    }

    /** What the portal finds for a typed user code. */
    public sealed interface Lookup {
        record Found(DeviceAuthorization authorization) implements Lookup {
        }

        record Expired() implements Lookup {
        }

        record Unknown() implements Lookup {
        }
    }

    /** The pending authorization a typed code names (case, dashes and spaces ignored). */
    public Lookup lookUp(String typedUserCode) {
        String normalized = DeviceLoginCode.normalize(typedUserCode);
        if (normalized.isEmpty()) {
            return new Lookup.Unknown();
        }
        Instant now = clock.instant();
        Optional<DeviceAuthorization> found = store.grants().byUserCode(normalized);
        if (found.isEmpty() || found.get().status() != DeviceAuthorization.Status.PENDING) {
            return new Lookup.Unknown();
        }
        return found.get().isExpired(now) ? new Lookup.Expired() : new Lookup.Found(found.get());
    }

    /** The current state of an authorization the portal is working on. */
    public Optional<DeviceAuthorization> byDeviceCode(String deviceCode) {
        return store.grants().byDeviceCode(deviceCode);
    }

    /** A person signed in at the portal: the phone's next poll gets tokens for {@code upn}. */
    public boolean approve(String deviceCode, String tenantId, String upn) {
        return store.inTransaction(() -> {
            Optional<DeviceAuthorization> a = store.grants().byDeviceCode(deviceCode);
            if (a.isEmpty() || a.get().status() != DeviceAuthorization.Status.PENDING || a.get().isExpired(clock.instant())) {
                return false;
            }
            store.grants().save(a.get().approvedBy(tenantId, upn));
            return true;
        });
    }

    /**
     * A person at the portal said no ("Cancel"): the phone's next poll gets
     * {@code authorization_declined}. False if the code is no longer pending or has expired.
     */
    public boolean decline(String deviceCode) {
        return store.inTransaction(() -> {
            Optional<DeviceAuthorization> a = store.grants().byDeviceCode(deviceCode);
            if (a.isEmpty() || a.get().status() != DeviceAuthorization.Status.PENDING || a.get().isExpired(clock.instant())) {
                return false;
            }
            store.grants().save(a.get().withStatus(DeviceAuthorization.Status.DECLINED));
            return true;
        });
    }

    /** A valid access token, or empty. */
    public Optional<AccessGrant> accessGrant(String token) {
        Instant now = clock.instant();
        return store.grants().grant(token == null ? "" : token)
                .filter(g -> g.kind() == AccessGrant.Kind.ACCESS && g.isValid(now));
    }

    private String tenantOf(String tenantInPath) {
        if (MULTI_TENANT.contains(tenantInPath)) {
            return null;
        }
        return directory.tenant(tenantInPath).map(t -> t.tenantId())
                .orElseThrow(() -> new OAuthException(INVALID_REQUEST, "Tenant '" + tenantInPath + "' not found."));
    }

    private void checkClient(String clientId) {
        if (clientId == null || !config.allowedClientIds().contains(clientId)) {
            throw new OAuthException(INVALID_CLIENT, clientId == null || clientId.isBlank()
                    ? "The request body must contain the following parameter: 'client_id'."
                    : "Application with identifier '" + clientId + "' was not found in the directory.");
        }
    }
}
