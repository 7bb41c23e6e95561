package dialtone.core.rack;

import dialtone.core.phone.Phone;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The checks a phone passes before a run gives it tests: ADB answers, its properties read as its
 * profile says (the model), the Teams app is installed, an Appium session can be made. The backend
 * is checked once per run ({@link #backendProblem}): a backend that does not answer is the lab's
 * trouble, not the phone's, so it skips the run's tests without quarantining any phone.
 */
public final class Preflight {
    static final String MODEL_PROPERTY = "ro.product.model";

    private final URI backendUrl;

    public Preflight(URI backendUrl) {
        this.backendUrl = backendUrl;
    }

    /** Why the backend cannot be used, if it cannot: any HTTP answer counts as reachable. */
    public Optional<String> backendProblem() {
        OkHttpClient http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofSeconds(10)).build();
        try (Response r = http.newCall(new Request.Builder().url(backendUrl.toString()).get().build()).execute()) {
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("backend " + backendUrl + " unreachable: " + e.getMessage());
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /** Why the phone fails preflight ("preflight: ..."), or empty when it passes. Leaves no Appium session behind. */
    public Optional<String> check(Phone phone) {
        String step = "ADB";
        try {
            if (!phone.adb().reachable()) {
                return Optional.of("preflight: ADB unreachable at " + phone.device().adb());
            }
            step = "properties";
            String expectedModel = phone.profile().properties().get(MODEL_PROPERTY);
            String model = phone.adb().property(MODEL_PROPERTY);
            if (expectedModel != null && !expectedModel.equals(model)) {
                return Optional.of("preflight: " + MODEL_PROPERTY + " is '" + model + "', the profile " + phone.profile().id()
                        + " says '" + expectedModel + "'");
            }
            phone.firmware();
            step = "Teams app";
            phone.teamsAppVersion();
            step = "Appium session";
            phone.driver();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("preflight: " + step + " failed: " + firstLine(e.getMessage()));
        } finally {
            phone.endSession();
        }
    }

    private static String firstLine(String message) {
        if (message == null) return "no message";
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
