package dialtone.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dialtone.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Plain HTTP against a test backend: what any client (phone, browser, harness) would send. */
final class Http {
    static final ObjectMapper JSON = Json.newMapper();
    private static final MediaType APPLICATION_JSON = MediaType.get("application/json");
    private final OkHttpClient client = new OkHttpClient.Builder()
            .readTimeout(Duration.ofSeconds(40)).followRedirects(false).build();
    private final String base;

    record Reply(int status, String body, okhttp3.Headers headers) {
        Reply(int status, String body) {
            this(status, body, okhttp3.Headers.of());
        }

        String header(String name) {
            return headers.get(name);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        <T> T as(Class<T> type) {
            try {
                return JSON.readValue(body, type);
            } catch (IOException e) {
                throw new UncheckedIOException("not a " + type.getSimpleName() + ": " + body, e);
            }
        }
    }

    Http(String base) {
        this.base = base;
    }

    Reply get(String path, String bearer) {
        return call(new Request.Builder().url(base + path).get(), bearer);
    }

    Reply delete(String path, String bearer) {
        return call(new Request.Builder().url(base + path).delete(), bearer);
    }

    Reply post(String path, Object body, String bearer) {
        try {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            return postRaw(path, text, bearer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply postRaw(String path, String body, String bearer) {
        return call(new Request.Builder().url(base + path).post(RequestBody.create(body, APPLICATION_JSON)), bearer);
    }

    /** Any request: {@code body} null for none, {@code headers} added as given (a null value is skipped). */
    Reply send(String method, String path, String body, String contentType, Map<String, String> headers) {
        return send(method, path, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                contentType, headers);
    }

    Reply send(String method, String path, byte[] body, String contentType, Map<String, String> headers) {
        Request.Builder request = new Request.Builder().url(base + path)
                .method(method, body == null ? null : RequestBody.create(body, MediaType.get(contentType)));
        headers.forEach((name, value) -> {
            if (value != null) {
                request.header(name, value);
            }
        });
        return call(request, null);
    }

    Reply form(String path, Map<String, String> fields) {
        FormBody.Builder form = new FormBody.Builder();
        fields.forEach(form::add);
        return call(new Request.Builder().url(base + path).post(form.build()), null);
    }

    private Reply call(Request.Builder request, String bearer) {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try (Response response = client.newCall(request.build()).execute()) {
            return new Reply(response.code(), response.body().string(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
