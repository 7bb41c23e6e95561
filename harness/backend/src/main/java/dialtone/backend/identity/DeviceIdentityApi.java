package dialtone.backend.identity;

import dialtone.backend.ApiException;
import dialtone.backend.Directory;
import dialtone.backend.JsonBodies;
import dialtone.backend.Secrets;
import dialtone.backend.device.PhoneService;
import dialtone.backend.store.AccessGrant;
import dialtone.backend.store.BackendStore;
import dialtone.backend.store.PhoneEntry;
import dialtone.model.BackendClock;
import dialtone.model.Mac;
import dialtone.model.device.EnrollReply;
import dialtone.model.device.PasswordChange;
import dialtone.model.identity.TokenResponse;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * What a phone asks the identity side after the device-code grant, under
 * {@code /device/v1/devices/{mac}/}: its account's policy ({@code account}), Intune enrolment
 * ({@code enroll}) and, when the account's password expired, the new password typed on the
 * device ({@code password}). The contract for phone authors is in {@code docs/backend.md}.
 */
public final class DeviceIdentityApi {
    /** Wrong current passwords allowed per account within {@link #PASSWORD_WINDOW}. */
    static final int MAX_WRONG_PASSWORDS = 5;
    static final Duration PASSWORD_WINDOW = Duration.ofMinutes(15);
    /** How long a changed password lasts, for accounts whose password expires at all. */
    static final Duration PASSWORD_LIFETIME = Duration.ofDays(90);
    static final int MIN_PASSWORD_LENGTH = 8;
    static final int MAX_PASSWORD_LENGTH = 256;
    static final String ENROLLMENT_BLOCKED = "Device administrator enrollment is blocked by your organization.";
    /** The scope of tokens issued after a password change: what Teams phones ask for. */
    static final String TEAMS_SCOPE = "https://api.spaces.skype.com/.default offline_access";

    private final DeviceCodeGrant grant;
    private final Directory directory;
    private final BackendStore store;
    private final PhoneService phones;
    private final JsonBodies bodies;
    private final BackendClock clock;
    private final Throttle wrongPasswords;

    public DeviceIdentityApi(DeviceCodeGrant grant, Directory directory, BackendStore store, PhoneService phones,
                             JsonBodies bodies, BackendClock clock) {
        this.grant = grant;
        this.directory = directory;
        this.store = store;
        this.phones = phones;
        this.bodies = bodies;
        this.clock = clock;
        this.wrongPasswords = new Throttle(MAX_WRONG_PASSWORDS, PASSWORD_WINDOW, clock);
    }

    public void register(RoutesConfig routes) {
        String base = "/device/v1/devices/{mac}";
        routes.get(base + "/account", ctx -> {
            seen(ctx);
            ctx.json(SignInPolicy.describe(memberOf(access(ctx)), clock.instant()));
        });
        routes.post(base + "/enroll", ctx -> {
            seen(ctx);
            Directory.Member member = memberOf(access(ctx));
            if (!member.tenant().enrollmentPolicy().deviceAdministratorAllowed()) {
                throw new ApiException(403, "enrollment_blocked", ENROLLMENT_BLOCKED);
            }
            ctx.json(new EnrollReply(true, EnrollReply.DEVICE_ADMINISTRATOR));
        });
        routes.post(base + "/password", this::changePassword);
    }

    /**
     * The signed-in account's password, changed on the phone: the current password proves the
     * person, the phone must be the one that account is signed in on. Answers fresh tokens, so
     * the phone stays signed in without the portal.
     */
    private void changePassword(Context ctx) {
        Mac mac = seen(ctx);
        PasswordChange change = bodies.read(ctx, PasswordChange.class, "{\"upn\",\"currentPassword\",\"newPassword\"}");
        if (isBlank(change.upn()) || change.currentPassword() == null || change.newPassword() == null) {
            throw ApiException.badRequest("invalid_request", "upn, currentPassword and newPassword are all required");
        }
        String upn = change.upn().strip();
        Optional<String> signedIn = store.phones().find(mac).map(PhoneEntry::currentUser).map(PhoneEntry.SignedInAccount::upn);
        if (signedIn.isEmpty() || !signedIn.get().equalsIgnoreCase(upn)) {
            throw new ApiException(403, "not_signed_in", upn + " is not signed in on the phone " + mac
                    + "; a password is changed on the phone the account is signed in on");
        }
        String key = upn.toLowerCase(Locale.ROOT);
        Optional<Instant> locked = wrongPasswords.refusedUntil(key);
        if (locked.isPresent()) {
            throw new ApiException(429, "too_many_attempts", "too many wrong passwords for " + upn
                    + "; try again after " + locked.get());
        }
        Directory.Member member = directory.member(upn).orElseThrow(() ->
                new ApiException(403, "not_signed_in", "the account " + upn + " no longer exists"));
        if (!Secrets.constantTimeEquals(member.account().password(), change.currentPassword())) {
            wrongPasswords.failed(key);
            throw new ApiException(401, "invalid_password", "the current password of " + upn + " is not correct");
        }
        String problem = passwordProblem(change.newPassword(), change.currentPassword());
        if (problem != null) {
            throw ApiException.badRequest("password_policy", problem);
        }
        Instant now = clock.instant();
        Directory.Member changed = directory.updateAccount(upn, a -> a.withPassword(change.newPassword(),
                a.passwordExpiresDateTime() == null ? null : now.plus(PASSWORD_LIFETIME)));
        TokenResponse tokens = grant.issueTokens(changed.tenant().tenantId(), changed.account().upn(), TEAMS_SCOPE);
        ctx.json(tokens);
    }

    private static String passwordProblem(String newPassword, String currentPassword) {
        if (newPassword.length() < MIN_PASSWORD_LENGTH || newPassword.length() > MAX_PASSWORD_LENGTH) {
            return "the new password must be " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH + " characters long";
        }
        if (newPassword.equals(currentPassword)) {
            return "the new password must differ from the current one";
        }
        return null;
    }

    private AccessGrant access(Context ctx) {
        String header = ctx.header("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
        return grant.accessGrant(token).orElseThrow(() -> new ApiException(401, "unauthorized",
                "this call needs Authorization: Bearer <access token> from the token endpoint;"
                        + " the token is missing, unknown or expired (refresh it)"));
    }

    private Directory.Member memberOf(AccessGrant access) {
        return directory.member(access.upn()).orElseThrow(() ->
                new ApiException(401, "unauthorized", "the token's account no longer exists"));
    }

    private Mac seen(Context ctx) {
        Mac mac = JsonBodies.mac(ctx);
        phones.seen(mac);
        return mac;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
