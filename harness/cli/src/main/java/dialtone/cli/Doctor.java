package dialtone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dialtone.core.backend.AdminClient;
import dialtone.core.backend.BackendException;
import dialtone.core.phone.Phone;
import dialtone.model.Mac;
import dialtone.model.directory.TenantSettings;
import dialtone.model.profile.DeviceProfile;
import dialtone.model.profile.DeviceProfiles;
import dialtone.model.profile.FirmwareVersion;
import dialtone.model.rack.Rack;
import dialtone.model.rack.Secret;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The checks of {@code dialtone doctor}: each gives one {@link Check} line saying what is wrong and
 * what to do about it. Nothing here changes a phone, the tenant or the backend; secrets are only
 * looked at, never printed.
 */
final class Doctor {
    /** Where the guide to every doctor line is. */
    static final String GUIDE = "docs/lab-setup.md";
    static final String ENABLE_ADB = "power the phone and enable network ADB on it (Poly: Settings > Device Settings >"
            + " Admin Only > Debugging; " + GUIDE + "#enabling-adb-on-poly-phones)";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line: what was checked, whether it passed, what was found and, when it failed, what to do. */
    record Check(String subject, boolean ok, String detail, String fix) {
        static Check ok(String subject, String detail) { return new Check(subject, true, detail, ""); }

        static Check fail(String subject, String detail, String fix) { return new Check(subject, false, detail, fix); }

        String line() {
            return String.format("%-4s  %-22s %s%s", ok ? "OK" : "FAIL", subject, detail, ok ? "" : " -- fix: " + fix);
        }
    }

    /**
     * What the checks look at, resolved: the rack's own endpoints, or those of the virtual rack doctor started.
     *
     * @param adminToken empty when its source is not available (that is a failed check, not an error)
     * @param embedded   the backend is one Dialtone started: its accounts get one-off passwords
     */
    record Target(Rack rack, DeviceProfiles profiles, URI backendUrl, Optional<String> adminToken, URI appiumUrl,
                  boolean embedded, Map<String, String> environment) {}

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    /** How long one phone's checks may take before its line says it hangs; null: its profile's ADB budget plus 30 s. */
    private final Duration phoneBudget;

    Doctor() {
        this(null);
    }

    Doctor(Duration phoneBudget) {
        this.phoneBudget = phoneBudget;
    }

    static Check java() {
        Runtime.Version v = Runtime.version();
        String detail = "Java " + v + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.home") + ")";
        return v.feature() >= 17 ? Check.ok("java", detail)
                : Check.fail("java", detail + " is older than 17", "install a Java 17 or newer JDK and put it first on PATH or set JAVA_HOME");
    }

    /** Every device's profile exists (the rack loaded already). */
    static Check profiles(Rack rack, DeviceProfiles profiles) {
        List<String> missing = rack.devices().stream().filter(d -> profiles.find(d.profile()).isEmpty())
                .map(d -> d.id() + " names '" + d.profile() + "'").toList();
        if (!missing.isEmpty()) {
            return Check.fail("profiles", "no such device profile: " + String.join(", ", missing) + " (known: "
                    + profiles.all().stream().map(DeviceProfile::id).collect(Collectors.joining(", ")) + ")",
                    "use a profile id of device-profiles/, or write one: ./dialtone profile capture --device ADB_ADDR");
        }
        return Check.ok("profiles", rack.devices().stream().map(Rack.Device::profile).distinct().sorted().collect(Collectors.joining(", ")));
    }

    List<Check> all(Target t) {
        List<Check> checks = new ArrayList<>();
        checks.add(backend(t));
        checks.add(tenant(t));
        checks.add(appium(t));
        checks.addAll(phones(t));
        checks.addAll(passwords(t));
        return checks;
    }

    Check backend(Target t) {
        String subject = "backend";
        try {
            HttpResponse<String> r = get(t.backendUrl(), "/health");
            if (r.statusCode() == 200 && JSON.readTree(r.body()).path("status").asText().equals("ok")) {
                return Check.ok(subject, t.backendUrl() + "/health answers ok" + (t.embedded() ? " (embedded)" : ""));
            }
            return Check.fail(subject, t.backendUrl() + "/health answered " + r.statusCode() + " " + abbreviate(r.body()),
                    "is this URL a Dialtone backend (./dialtone backend)? check backend.url in " + t.rack().source());
        } catch (IOException e) {
            return Check.fail(subject, t.backendUrl() + " does not answer: " + reason(e),
                    "start it on the backend host (./dialtone backend --port N) and check backend.url in " + t.rack().source());
        }
    }

    /** An admin call with the token: the token is accepted and names the rack's tenant. */
    Check tenant(Target t) {
        String subject = "tenant " + t.rack().backend().tenant();
        String source = t.rack().backend().adminToken().map(Secret::toString).orElse("the embedded backend");
        if (t.adminToken().isEmpty()) {
            return Check.fail(subject, "no admin token: " + source + " is not set or not readable",
                    "set " + source + " to the tenant's admin token (never in the rack file)");
        }
        try (AdminClient admin = new AdminClient(t.backendUrl().toString(), t.adminToken().get())) {
            TenantSettings tenant = admin.tenant();
            if (!tenant.tenantId().equals(t.rack().backend().tenant())) {
                return Check.fail(subject, "the admin token from " + source + " is for tenant '" + tenant.tenantId() + "'",
                        "use the token of tenant " + t.rack().backend().tenant() + ", or fix backend.tenant in " + t.rack().source());
            }
            return Check.ok(subject, "the admin token from " + source + " is accepted (organization " + tenant.organizationName() + ")");
        } catch (BackendException e) {
            if (e.status() == 401 || e.status() == 403) {
                return Check.fail(subject, "the backend refuses the admin token from " + source + " (" + e.status() + ")",
                        "put the tenant's current admin token in " + source);
            }
            return Check.fail(subject, "admin call failed: " + e.getMessage(), "fix the backend first (see the backend line)");
        }
    }

    /** {@code GET /status} of an Appium server or a Selenium Grid hub: both answer {@code value.ready}. */
    Check appium(Target t) {
        String subject = "appium";
        try {
            HttpResponse<String> r = get(t.appiumUrl(), "/status");
            JsonNode value = r.statusCode() == 200 ? JSON.readTree(r.body()).path("value") : null;
            if (value == null || !value.has("ready")) {
                return Check.fail(subject, t.appiumUrl() + "/status answered " + r.statusCode() + " " + abbreviate(r.body()),
                        "point appium in " + t.rack().source() + " at the Appium server or Grid hub (Appium 2/3 with base path /, or --base-path as in the URL)");
            }
            String what = value.has("nodes") ? "Selenium Grid with " + value.path("nodes").size() + " node(s)"
                    : value.path("build").path("version").asText("unknown version");
            if (!value.path("ready").asBoolean()) {
                return Check.fail(subject, t.appiumUrl() + " (" + what + ") says it is not ready: " + value.path("message").asText(),
                        "check the server's log; a Grid needs at least one registered node with free slots");
            }
            if (value.has("nodes")) {
                java.util.Set<String> slotted = GridConfig.slottedPhones(value);
                List<String> missing = t.rack().devices().stream().filter(d -> !slotted.contains(d.adb().serial()))
                        .map(d -> d.id() + " (" + d.adb().serial() + ")").toList();
                if (!missing.isEmpty()) {
                    return Check.fail(subject, t.appiumUrl() + " (" + what + ") has no slot for " + String.join(", ", missing),
                            "start the relay node of each phone's Appium server (`dialtone grid config --rack " + t.rack().source()
                                    + "` prints how; docs/scale-out.md)");
                }
                what += ", a slot for each of " + t.rack().devices().size() + " phones";
            }
            return Check.ok(subject, t.appiumUrl() + "/status ready (" + what + ")" + (t.rack().appium().embedded() ? " (virtual rack)" : ""));
        } catch (IOException e) {
            return Check.fail(subject, t.appiumUrl() + " does not answer: " + reason(e),
                    "start Appium with the UiAutomator2 driver on the lab host (appium --address 0.0.0.0 --port 4723) and check appium in " + t.rack().source());
        }
    }

    /** Every phone at once: a phone that does not answer must not hold up the others. */
    List<Check> phones(Target t) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(8, t.rack().devices().size()), r -> {
            Thread th = new Thread(r, "doctor-phone");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<List<Check>>> futures = new ArrayList<>();
            for (Rack.Device d : t.rack().devices()) {
                futures.add(pool.submit(() -> phone(t, d)));
            }
            List<Check> checks = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < futures.size(); i++) {
                Rack.Device d = t.rack().devices().get(i);
                // a phone waiting for someone to accept the host key never answers the handshake: do not wait forever
                Duration budget = phoneBudget != null ? phoneBudget : t.profiles().get(d.profile()).budgets().adbConnect().plusSeconds(30);
                long left = budget.toNanos() - (System.nanoTime() - started);
                try {
                    checks.addAll(futures.get(i).get(Math.max(left, 0), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    futures.get(i).cancel(true);
                    checks.add(Check.fail("adb " + d.id(), d.adb() + " accepts TCP but the phone's checks did not finish within "
                            + budget.toSeconds() + " s (model, firmware and Teams app not checked)",
                            "accept this host's key on the phone (\"Allow USB debugging?\", tick Always allow), or reboot the phone"));
                } catch (ExecutionException e) {
                    checks.add(Check.fail("phone " + d.id(), "check crashed: " + e.getCause(), "report this as a Dialtone bug"));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("doctor interrupted", e);
                }
            }
            return checks;
        } finally {
            pool.shutdownNow();
        }
    }

    List<Check> phone(Target t, Rack.Device d) throws IOException {
        DeviceProfile profile = t.profiles().get(d.profile());
        List<Check> checks = new ArrayList<>();
        String adbSubject = "adb " + d.id();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(d.adb().host(), d.adb().port()), (int) CONNECT_TIMEOUT.toMillis());
        } catch (IOException e) {
            checks.add(Check.fail(adbSubject, d.adb() + ": " + reason(e) + " (phone off, unplugged or network ADB disabled;"
                    + " model, firmware and Teams app not checked)", ENABLE_ADB));
            return checks;
        }
        try (Phone phone = new Phone(d, profile, new URL("http://unused.invalid/"))) { // ADB only: no Appium session
            if (!phone.adb().reachable()) {
                checks.add(Check.fail(adbSubject, d.adb() + " accepts TCP but does not complete the ADB handshake (model, firmware and Teams app not checked)",
                        "accept this host's key on the phone (\"Allow USB debugging?\"), or check that nothing else listens on that port"));
                return checks;
            }
            checks.add(Check.ok(adbSubject, d.adb() + " answers ADB"));
            checks.add(model(phone, t.profiles()));
            checks.add(firmware(phone));
            checks.add(teams(phone));
            d.mac().ifPresent(expected -> checks.add(mac(phone, expected)));
        }
        return checks;
    }

    /** The properties the profile says the model reports; on a mismatch, which profile fits instead. */
    static Check model(Phone phone, DeviceProfiles profiles) {
        String subject = "model " + phone.id();
        DeviceProfile profile = phone.profile();
        Map<String, String> reported = new java.util.LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> p : profile.properties().entrySet()) {
            String value = phone.adb().property(p.getKey());
            reported.put(p.getKey(), value);
            if (!value.equals(p.getValue())) {
                wrong.add(p.getKey() + "=" + (value.isEmpty() ? "(empty)" : value) + " where " + profile.id() + " expects " + p.getValue());
            }
        }
        if (wrong.isEmpty()) {
            return Check.ok(subject, profile.manufacturer() + " " + profile.model() + " as profile " + profile.id() + " expects");
        }
        Optional<DeviceProfile> fits = profiles.all().stream().filter(p -> p != profile)
                .filter(p -> p.properties().entrySet().stream().allMatch(e -> {
                    String v = reported.containsKey(e.getKey()) ? reported.get(e.getKey()) : phone.adb().property(e.getKey());
                    return v.equals(e.getValue());
                })).findFirst();
        return Check.fail(subject, "reports " + String.join(", ", wrong),
                fits.map(p -> "this phone is a " + p.manufacturer() + " " + p.model() + ": set profile: " + p.id() + " for " + phone.id() + " in the rack file")
                        .orElse("no profile fits this phone: write one with ./dialtone profile capture --device " + phone.device().adb()));
    }

    static Check firmware(Phone phone) {
        String subject = "firmware " + phone.id();
        DeviceProfile.FirmwareSupport support = phone.profile().firmware();
        String range = support.minimum() + support.maximum().map(m -> " to " + m).orElse(" or later");
        FirmwareVersion v;
        try {
            v = phone.firmware();
        } catch (IllegalArgumentException e) {
            return Check.fail(subject, support.property() + " is not a firmware version: " + e.getMessage(),
                    "check firmware.property of " + phone.profile().source());
        }
        if (!support.supports(v)) {
            return Check.fail(subject, v + " is outside " + range + ", which profile " + phone.profile().id() + " supports",
                    "update the phone's firmware (remote provisioning needs " + support.minimum() + "+), or widen firmware: in "
                            + phone.profile().source() + " once that firmware is verified");
        }
        return Check.ok(subject, v + " (profile " + phone.profile().id() + " supports " + range + ")");
    }

    static Check teams(Phone phone) {
        String subject = "teams " + phone.id();
        try {
            return Check.ok(subject, phone.profile().teams().packageName() + " " + phone.teamsAppVersion());
        } catch (RuntimeException e) {
            return Check.fail(subject, e.getMessage(), "install the Teams app of the phone's firmware (a firmware update or factory reset brings it back)");
        }
    }

    static Check mac(Phone phone, Mac expected) {
        String subject = "mac " + phone.id();
        try {
            Mac reported = phone.mac();
            return reported.equals(expected) ? Check.ok(subject, reported + " as the rack says")
                    : Check.fail(subject, "reports " + reported + ", the rack says " + expected,
                    "fix mac of " + phone.id() + " in the rack file (the backend provisions by MAC), or check that adb points at the right phone");
        } catch (RuntimeException e) {
            return Check.fail(subject, "cannot read the MAC: " + e.getMessage(), "check macAddress.command of " + phone.profile().source());
        }
    }

    /** Each account's password source is there, without reading it aloud. */
    static List<Check> passwords(Target t) {
        List<Check> checks = new ArrayList<>();
        for (Rack.Account a : t.rack().accounts()) {
            String subject = "password " + a.upn();
            Secret source = a.password();
            boolean available = source.isAvailable(t.environment());
            if (!available && t.embedded()) {
                checks.add(Check.ok(subject, source + " is not set: the embedded backend gets a one-off password"));
                continue;
            }
            try {
                source.resolve(t.environment()); // read to be sure it is there and not empty; the value goes nowhere
                checks.add(Check.ok(subject, source.kind() == Secret.Kind.ENV ? source + " is set" : source + " is readable"));
            } catch (IllegalStateException e) {
                checks.add(Check.fail(subject, e.getMessage(), source.kind() == Secret.Kind.ENV
                        ? "export " + source.name() + " with the account's password before running (in CI: a secret credential)"
                        : "write the password to " + source.name() + " (mode 600, readable by the user running dialtone)"));
            }
        }
        return checks;
    }

    private HttpResponse<String> get(URI base, String path) throws IOException {
        String b = base.toString().replaceAll("/+$", "");
        HttpRequest request = HttpRequest.newBuilder(URI.create(b + path)).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static String reason(IOException e) {
        if (e instanceof ConnectException) return "connection refused";
        if (e instanceof SocketTimeoutException || e instanceof java.net.http.HttpConnectTimeoutException
                || e instanceof java.net.http.HttpTimeoutException) return "no answer within " + CONNECT_TIMEOUT.toSeconds() + " s";
        if (e instanceof UnknownHostException) return "unknown host " + e.getMessage();
        Throwable cause = e.getCause();
        if (cause instanceof IOException io && cause != e) return reason(io);
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String abbreviate(String body) {
        String b = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return b.length() > 120 ? b.substring(0, 120) + "..." : b;
    }
}
