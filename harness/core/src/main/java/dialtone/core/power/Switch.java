package dialtone.core.power;

import dialtone.core.failure.InfrastructureProblem;
import java.io.IOException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** The one HTTP call the HTTP power backends make: a non-2xx answer or no answer is an infrastructure problem. */
final class Switch {
    static final OkHttpClient HTTP = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(15)).build();

    private Switch() {}

    /** {@code what} names the device and the switch, never a secret (URLs with credentials are not allowed in rack files). */
    static void call(Request request, String what) {
        try (Response r = HTTP.newCall(request).execute()) {
            if (!r.isSuccessful()) {
                throw new InfrastructureProblem(what + ": the power switch answered HTTP " + r.code());
            }
        } catch (IOException e) {
            throw new InfrastructureProblem(what + ": the power switch did not answer: " + e.getMessage(), e);
        }
    }
}
