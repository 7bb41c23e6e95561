package dialtone.backend;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dialtone.model.Mac;
import dialtone.model.InvalidMacException;
import io.javalin.http.Context;
import java.lang.reflect.Type;

/**
 * Request parsing that fails with a 400 naming what was expected. Jackson's own messages are not
 * passed on: they quote the input, which may hold a code or a password.
 */
public final class JsonBodies {
    private final ObjectMapper mapper;

    public JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public <T> T read(Context ctx, Type type, String expected) {
        String body = ctx.body();
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
