package dialtone.simulator.appium;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** One W3C command as received: path parameters and the JSON body (an empty object for GET/DELETE). */
final class CommandRequest {

    private final Map<String, String> pathParams;
    private final ObjectNode body;

    CommandRequest(Map<String, String> pathParams, ObjectNode body) {
        this.pathParams = pathParams;
        this.body = body != null ? body : JsonNodeFactory.instance.objectNode();
    }

    String path(String name) {
        String v = pathParams.get(name);
        if (v == null) {
            throw new IllegalStateException("route has no path parameter " + name);
        }
        return v;
    }

    ObjectNode body() {
        return body;
    }

    /** A required string field of the body. */
    String string(String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw W3CError.INVALID_ARGUMENT.exception("Missing parameter '" + field + "' in the request body");
        }
        if (!v.isTextual()) {
            throw W3CError.INVALID_ARGUMENT.exception("Parameter '" + field + "' must be a string, got " + v.getNodeType().name().toLowerCase() + ": " + v);
        }
        return v.asText();
    }

    /** A required integer field of the body. */
    long integer(String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw W3CError.INVALID_ARGUMENT.exception("Missing parameter '" + field + "' in the request body");
        }
        return integer(field, v);
    }

    static long integer(String field, JsonNode v) {
        if (!v.isIntegralNumber() && !(v.isNumber() && v.asDouble() == Math.rint(v.asDouble()))) {
            throw W3CError.INVALID_ARGUMENT.exception("Parameter '" + field + "' must be an integer, got " + v);
        }
        return v.asLong();
    }
}
