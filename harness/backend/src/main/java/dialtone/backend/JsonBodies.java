package dialtone.backend;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dialtone.model.Mac;
import dialtone.model.InvalidMacException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Request parsing that fails with a 400 naming what was expected. Jackson's own messages are not
 * passed on: they quote the input, which may hold a code or a password. Bodies are size-limited
 * (413 {@code body_too_large}): phones send a few hundred bytes, admins up to a 1,000-row CSV.
 */
public final class JsonBodies {
    /** Admin bodies: a 1,000-row CSV with 256-character locations fits. */
    public static final int MAX_ADMIN_BODY_BYTES = 1024 * 1024;
    /** Device bodies (hello, provision, command results): small by nature. */
    public static final int MAX_DEVICE_BODY_BYTES = 16 * 1024;

    private final ObjectMapper mapper;

    public JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public <T> T read(Context ctx, Type type, String expected) {
        String body = new String(bytes(ctx), StandardCharsets.UTF_8);
        if (body.isBlank()) {
            throw ApiException.badRequest("malformed_json", "the request body is empty; expected " + expected);
        }
        JavaType javaType = mapper.getTypeFactory().constructType(type);
        try {
            T value = mapper.readValue(body, javaType);
            if (value == null) {
                throw ApiException.badRequest("malformed_json", "the request body is null; expected " + expected);
            }
            return value;
        } catch (MismatchedInputException e) {
            throw ApiException.badRequest("malformed_json", "the request body has the wrong shape" + where(e.getLocation())
                    + "; expected " + expected);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed_json", "the request body is not valid JSON" + where(e.getLocation())
                    + "; expected " + expected);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("malformed_json", "the request body could not be read; expected " + expected);
        }
    }

    /**
     * The raw body, at most {@link #MAX_DEVICE_BODY_BYTES} for {@code /device/...} calls and
     * {@link #MAX_ADMIN_BODY_BYTES} for the rest; larger (by Content-Length or as read) is a 413.
     * Read once per request: every body read goes through here.
     */
    public static byte[] bytes(Context ctx) {
        int limit = ctx.path().startsWith("/device/") ? MAX_DEVICE_BODY_BYTES : MAX_ADMIN_BODY_BYTES;
        long declared = ctx.contentLength();
        if (declared > limit) {
            throw tooLarge(declared, limit);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw tooLarge(-1, limit);
            }
            return body;
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable_body", "the request body could not be read");
        }
    }

    private static ApiException tooLarge(long declared, int limit) {
        String most = limit >= 1024 * 1024 ? limit / (1024 * 1024) + " MiB" : limit / 1024 + " KiB";
        return new ApiException(413, "body_too_large", declared > 0
                ? "the request body is " + declared + " bytes; this call accepts at most " + most
                : "the request body is larger than " + most + ", the most this call accepts");
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** The {@code {mac}} path parameter in any accepted spelling. */
    public static Mac mac(Context ctx) {
        try {
            return Mac.parse(ctx.pathParam("mac"));
        } catch (InvalidMacException e) {
            throw ApiException.badRequest("invalid_mac", e.getMessage());
        }
    }
}
