package dialtone.simulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import dialtone.simulator.phone.PhoneFaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One fault as {@code POST /sim/v1/devices/{id}/faults} takes it, validated: {@code {"type":"dropAdb"}},
 * {@code killAppiumSession}, {@code {"type":"freezeUi","seconds":N}}, {@code reboot},
 * {@code {"type":"cutBackend"[,"seconds":N]}}, {@code {"type":"slowBoot","factor":F}},
 * {@code {"type":"defect","name":"orgNameMissing|signInNeverCompletes|provisioningHangs|wrongDeviceLoginCode"}}, and the hangs
 * one rung of the recovery ladder each clears: {@code teamsAppHung}, {@code systemHung}, {@code wedged},
 * {@code provisioningCorrupted} ({@link PhoneFaults.Hang}).
 */
public record Fault(Type type, Optional<Duration> duration, double factor, Optional<PhoneFaults.Defect> defect) {
    static final int MAX_FREEZE_SECONDS = 3_600;
    static final int MAX_CUT_SECONDS = 86_400;
    static final double MAX_SLOW_BOOT = 100;

    public enum Type {
        DROP_ADB("dropAdb"), KILL_APPIUM_SESSION("killAppiumSession"), FREEZE_UI("freezeUi", "seconds"), REBOOT("reboot"),
        CUT_BACKEND("cutBackend", "seconds"), SLOW_BOOT("slowBoot", "factor"), DEFECT("defect", "name"),
        TEAMS_APP_HUNG("teamsAppHung"), SYSTEM_HUNG("systemHung"), WEDGED("wedged"), PROVISIONING_CORRUPTED("provisioningCorrupted");

        final String wireName;
        final Set<String> fields;

        Type(String wireName, String... fields) {
            this.wireName = wireName;
            this.fields = Set.of(fields);
        }

        static String names() {
            return Arrays.stream(values()).map(t -> t.wireName).collect(Collectors.joining(", "));
        }
    }

    /** A request the API refuses with 400; the message names the field and what is wrong. */
    public static final class Invalid extends IllegalArgumentException {
        Invalid(String message) { super(message); }
    }

    /** Validates a request body; nothing about the phone is looked at or changed here. */
    public static Fault parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new Invalid("the body must be a JSON object such as {\"type\":\"dropAdb\"}");
        }
        JsonNode typeNode = body.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new Invalid("missing field 'type' (one of " + Type.names() + ")");
        }
        Type type = Arrays.stream(Type.values()).filter(t -> t.wireName.equals(typeNode.asText())).findFirst()
                .orElseThrow(() -> new Invalid("unknown fault type '" + typeNode.asText() + "' (known: " + Type.names() + ")"));
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("type") && !type.fields.contains(name)) unknown.add(name);
        }
        if (!unknown.isEmpty()) {
            throw new Invalid("unknown field '" + unknown.get(0) + "' for " + type.wireName
                    + (type.fields.isEmpty() ? " (it takes none)" : " (it takes " + String.join(", ", type.fields) + ")"));
        }
        return switch (type) {
            case FREEZE_UI -> new Fault(type, Optional.of(seconds(body, type, MAX_FREEZE_SECONDS, true).orElseThrow()), 1, Optional.empty());
            case CUT_BACKEND -> new Fault(type, seconds(body, type, MAX_CUT_SECONDS, false), 1, Optional.empty());
            case SLOW_BOOT -> new Fault(type, Optional.empty(), factor(body), Optional.empty());
            case DEFECT -> new Fault(type, Optional.empty(), 1, Optional.of(defect(body)));
            default -> new Fault(type, Optional.empty(), 1, Optional.empty());
        };
    }

    private static Optional<Duration> seconds(JsonNode body, Type type, int max, boolean required) {
        JsonNode n = body.get("seconds");
        if (n == null || n.isNull()) {
            if (required) throw new Invalid("missing field 'seconds' for " + type.wireName + " (1-" + max + ")");
            return Optional.empty();
        }
        if (!n.canConvertToExactIntegral() || !n.isNumber() || n.asLong() < 1 || n.asLong() > max) {
            throw new Invalid("field 'seconds' of " + type.wireName + " must be a whole number from 1 to " + max + ", found " + n);
        }
        return Optional.of(Duration.ofSeconds(n.asLong()));
    }

    private static double factor(JsonNode body) {
        JsonNode n = body.get("factor");
        if (n == null || n.isNull()) throw new Invalid("missing field 'factor' for slowBoot (1-" + (int) MAX_SLOW_BOOT + ")");
        if (!n.isNumber() || !(n.asDouble() >= 1 && n.asDouble() <= MAX_SLOW_BOOT)) {
            throw new Invalid("field 'factor' of slowBoot must be a number from 1 to " + (int) MAX_SLOW_BOOT + ", found " + n);
        }
        return n.asDouble();
    }

    private static PhoneFaults.Defect defect(JsonNode body) {
        JsonNode n = body.get("name");
        if (n == null || !n.isTextual()) {
            throw new Invalid("missing field 'name' for defect (one of " + PhoneFaults.Defect.names() + ")");
        }
        return PhoneFaults.Defect.named(n.asText()).orElseThrow(() -> new Invalid("unknown defect '" + n.asText()
                + "' (known: " + PhoneFaults.Defect.names() + ")"));
    }

    /** The hang this fault is, if it is one. */
    public Optional<PhoneFaults.Hang> hang() {
        return PhoneFaults.Hang.named(type.wireName);
    }

    public String wireType() {
        return type.wireName;
    }
}
