package dialtone.simulator.appium;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A web element reference: the screen generation it was found in and the node's number in that
 * screen's document order. Valid while the generation is current, stale after.
 */
record ElementRef(long generation, int index) {

    /** The W3C key of an element reference in JSON. */
    static final String W3C_KEY = "element-6066-11e4-a52e-4f735466cecf";
    /** The legacy key that older clients read. */
    static final String LEGACY_KEY = "ELEMENT";

    private static final Pattern FORMAT = Pattern.compile("sim-(-?\\d+)-(\\d+)");

    String id() {
        return "sim-" + generation + "-" + index;
    }

    static ElementRef parse(String id) {
        Matcher m = FORMAT.matcher(id);
        if (!m.matches()) {
            throw W3CError.NO_SUCH_ELEMENT.exception("No element with id '" + id + "' is known in this session");
        }
        try {
            return new ElementRef(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (NumberFormatException e) {
            throw W3CError.NO_SUCH_ELEMENT.exception("No element with id '" + id + "' is known in this session");
        }
    }
}
