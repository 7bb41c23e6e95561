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

    private final BackendClock clock;
    private final JsonBodies bodies;

    TestControls(BackendClock clock, JsonBodies bodies) {
        this.clock = clock;
        this.bodies = bodies;
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
    }
}
