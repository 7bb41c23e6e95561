package dialtone.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code GET /test/v1/requests}: the requests answered so far, for {@code dialtone bench}'s requests/s; reading it is not counted. */
class RequestCountTest extends RunningBackendTest {

    @Test
    void countsEveryAnsweredRequestButItsOwn() {
        await().atMost(Duration.ofSeconds(5)).until(() -> backend.requests() == 0); // nothing asked yet
        assertThat(http.get(BackendServer.REQUESTS_PATH, null).json().path("requests").asLong()).isZero();
        assertThat(http.get("/health", null).status()).isEqualTo(200);
        assertThat(http.get("/no/such/endpoint", null).status()).isEqualTo(404);
        // the count moves once the request is logged, which may be just after its answer
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO)
                .until(() -> http.get(BackendServer.REQUESTS_PATH, null).json().path("requests").asLong() == 2);
        assertThat(backend.requests()).isEqualTo(2);
    }
}
