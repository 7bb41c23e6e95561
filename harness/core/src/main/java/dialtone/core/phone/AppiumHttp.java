package dialtone.core.phone;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openqa.selenium.remote.http.ClientConfig;
import org.openqa.selenium.remote.http.HttpClient;
import org.openqa.selenium.remote.http.HttpRequest;
import org.openqa.selenium.remote.http.HttpResponse;
import org.openqa.selenium.remote.http.WebSocket;

/**
 * One Selenium HTTP client per Appium server (and timeouts) for all of the harness's sessions. By
 * default every driver makes its own JDK HTTP client, with its own selector thread and its own
 * cached thread pool: about five threads per phone that sit idle most of the time (measured by
 * {@code dialtone bench}, docs/benchmarks.md). Shared, the pool's threads serve whichever phone
 * calls, so the harness's threads follow the calls in flight, not the phones. A session's quit
 * closes its handle, never the shared client; the shared clients live as long as the JVM.
 */
final class AppiumHttp implements HttpClient.Factory {
    static final AppiumHttp SHARED = new AppiumHttp(HttpClient.Factory.createDefault());

    private final HttpClient.Factory factory;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    AppiumHttp(HttpClient.Factory factory) {
        this.factory = factory;
    }

    @Override
    public HttpClient createClient(ClientConfig config) {
        String key = config.baseUri() + " " + config.connectionTimeout() + " " + config.readTimeout();
        HttpClient shared = clients.computeIfAbsent(key, k -> factory.createClient(config));
        return new HttpClient() {
            @Override
            public WebSocket openSocket(HttpRequest request, WebSocket.Listener listener) {
                return shared.openSocket(request, listener);
            }

            @Override
            public HttpResponse execute(HttpRequest request) {
                return shared.execute(request);
            }

            @Override
            public java.util.concurrent.CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
                return shared.executeAsync(request);
            }

            @Override
            public void close() {
                // the session is over; the client serves the other phones' sessions
            }
        };
    }
}
