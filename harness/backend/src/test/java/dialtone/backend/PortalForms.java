package dialtone.backend;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Device Login portal walked with plain form posts (no browser). */
final class PortalForms {
    private static final Pattern FLOW_TOKEN = Pattern.compile("name=\"flowToken\" value=\"([^\"]+)\"");
    private static final Pattern ERROR = Pattern.compile("<div id=\"error\"[^>]*>([^<]*)</div>");

    private PortalForms() {
    }

    static String flowToken(String html) {
        Matcher m = FLOW_TOKEN.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no flowToken on page: " + html);
        }
        return m.group(1);
    }

    static String error(String html) {
        Matcher m = ERROR.matcher(html);
        return m.find() ? m.group(1).replace("&#39;", "'") : null;
    }

    /** Code, Use another account, username, password; returns the last page. */
    static String signIn(Http http, String userCode, String upn, String password) {
        String page = http.form("/devicelogin", Map.of("otc", userCode)).body();
        if (error(page) != null) {
            return page;
        }
        page = http.form("/devicelogin/account", Map.of("flowToken", flowToken(page))).body();
        page = http.form("/devicelogin/username", Map.of("flowToken", flowToken(page), "loginfmt", upn)).body();
        if (error(page) != null) {
            return page;
        }
        return http.form("/devicelogin/password", Map.of("flowToken", flowToken(page), "passwd", password)).body();
    }
}
