package dialtone.backend;

import dialtone.model.BackendClock;
import io.javalin.config.RoutesConfig;
import java.time.Duration;
import java.time.Instant;

/** {@code /test/v1/...}: only registered when the backend starts with test controls on (otherwise 404). */
final class TestControls {
    record ClockAdvance(Long advanceSeconds) {
    }

    record ClockNow(Instant now) {
    }

    record PasswordExpired(String upn, Instant passwordExpiresDateTime) {
    }

    private final BackendClock clock;
    private final JsonBodies bodies;
    private final Directory directory;

    TestControls(BackendClock clock, JsonBodies bodies, Directory directory) {
        this.clock = clock;
        this.bodies = bodies;
        this.directory = directory;
    }

    void register(RoutesConfig routes) {
        routes.post("/test/v1/clock", ctx -> {
            ClockAdvance advance = bodies.read(ctx, ClockAdvance.class, "{\"advanceSeconds\": N}");
            if (advance.advanceSeconds() == null || advance.advanceSeconds() < 0) {
                throw ApiException.badRequest("invalid_request", "advanceSeconds must be a whole number ≥ 0;"
                        + " the backend clock only moves forward");
            }
            ctx.json(new ClockNow(clock.advance(Duration.ofSeconds(advance.advanceSeconds()))));
        });
        // The password of an account of the caller's tenant expires now (backend clock): a signed-in
        // phone meets AADSTS50055 at its next token refresh, as when the password policy's date comes.
        routes.post("/test/v1/users/{upn}/expirePassword", ctx -> {
            TenantConfig tenant = AdminAuth.tenant(ctx, directory);
            String upn = ctx.pathParam("upn");
            boolean ours = directory.member(upn).filter(m -> m.tenant().tenantId().equals(tenant.tenantId())).isPresent();
            if (!ours) {
                throw ApiException.notFound("no account " + upn + " in this tenant");
            }
            Instant now = clock.instant();
            Directory.Member member = directory.updateAccount(upn, a -> a.withPasswordExpiry(now));
            ctx.json(new PasswordExpired(member.account().upn(), member.account().passwordExpiresDateTime()));
        });
    }
}
