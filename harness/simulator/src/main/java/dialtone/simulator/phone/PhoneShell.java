package dialtone.simulator.phone;

import dialtone.simulator.adb.ShellResult;
import dialtone.simulator.adb.ShellSession;
import dialtone.simulator.adb.VirtualFileSystem;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The part of Android's shell a virtual phone answers: getprop, cat and ls over the phone's files (the MAC
 * under /sys, the boot id under /proc, whatever was pushed), logcat, screencap, package queries, am start,
 * the factory reset broadcast and reboot. Command lines are split at {@code ;} and quotes are honoured, so
 * what {@code adb logcat} sends ({@code export ANDROID_LOG_TAGS="''"; exec logcat '-d'}) works. Anything
 * else answers as Android's sh does: {@code /system/bin/sh: X: not found}, exit 127.
 */
final class PhoneShell {
    static final String FACTORY_RESET = "am broadcast -a android.intent.action.MASTER_CLEAR -p android";
    /** The activity the launcher starts for Teams. */
    static final String TEAMS_LAUNCHER = "com.microsoft.skype.teams.Launcher";
    /** Activities {@code am start} can start in Teams: the launcher alias and the splash activity it points to (the profiles' launch activity). */
    static final java.util.Set<String> TEAMS_ACTIVITIES = java.util.Set.of(TEAMS_LAUNCHER, "com.microsoft.skype.teams.views.activities.SplashActivity");

    private final VirtualPhone phone;
    private final VirtualFileSystem files;
    private final DeviceSettings settings = new DeviceSettings();

    PhoneShell(VirtualPhone phone) {
        this.phone = phone;
        this.files = new VirtualFileSystem()
                .directory("/sdcard", true)
                .directory("/data/local/tmp", true)
                .generated("/sys/class/net/eth0/address", () -> phone.mac().linuxForm() + "\n")
                .generated("/proc/sys/kernel/random/boot_id", () -> phone.bootUuid() + "\n");
    }

    VirtualFileSystem files() {
        return files;
    }

    /** Runs a command line: {@code ;}-separated commands, output concatenated, the last one's exit code. */
    ShellResult run(String commandLine) {
        List<List<String>> commands;
        try {
            commands = parse(commandLine);
        } catch (IllegalArgumentException e) {
            return ShellResult.of("", "/system/bin/sh: " + e.getMessage() + "\n", 2);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ShellResult last = ShellResult.ok("");
        for (List<String> words : commands) {
            last = run(words);
            out.writeBytes(last.stdout());
            err.writeBytes(last.stderr());
            if (last.session() != null || last.afterClose() != null) {
                break; // a long-running command or a reboot ends the line
            }
        }
        return new ShellResult(out.toByteArray(), err.toByteArray(), last.exitCode(), last.afterClose(), last.session());
    }

    private ShellResult run(List<String> words) {
        String command = words.get(0);
        List<String> args = words.subList(1, words.size());
        Map<String, String> props = phone.properties();
        return switch (command) {
            case "getprop" -> args.isEmpty()
                    ? ShellResult.ok(props.entrySet().stream().map(e -> "[" + e.getKey() + "]: [" + e.getValue() + "]\n").collect(Collectors.joining()))
                    : ShellResult.ok(props.getOrDefault(args.get(0), "") + "\n");
            case "echo" -> ShellResult.ok(String.join(" ", args) + "\n");
            case "exit" -> ShellResult.of("", "", args.isEmpty() ? 0 : parseExit(args.get(0)));
            case "cat" -> cat(args);
            case "ls" -> ls(args);
            case "logcat" -> logcat(args);
            case "screencap" -> screencap(args);
            case "dumpsys" -> dumpsys(args);
            case "pm" -> String.join(" ", words).equals("pm list packages")
                    ? ShellResult.ok(phone.packages().stream().map(p -> "package:" + p + "\n").collect(Collectors.joining()))
                    : ShellResult.of("", "pm: only 'pm list packages' is simulated\n", 1);
            case "am" -> am(words);
            case "reboot" -> ShellResult.ok("").then(phone::reboot);
            case "settings" -> settings(args);
            default -> ShellResult.of("", "/system/bin/sh: " + command + ": not found\n", 127);
        };
    }

    // ---------------------------------------------------------------- settings

    private static final String SETTINGS_USAGE = "usage:  settings [--user <USER_ID> | current] get namespace key\n"
            + "        settings [--user <USER_ID> | current] put namespace key value\n"
            + "        settings [--user <USER_ID> | current] delete namespace key\n"
            + "        settings [--user <USER_ID> | current] list namespace\n";

    private ShellResult settings(List<String> args) {
        List<String> a = new ArrayList<>(args);
        if (a.size() >= 2 && a.get(0).equals("--user")) a = a.subList(2, a.size());
        try {
            if (a.size() == 3 && a.get(0).equals("get")) {
                String v = settings.get(a.get(1), a.get(2));
                return ShellResult.ok((v == null ? "null" : v) + "\n");
            }
            if (a.size() == 4 && a.get(0).equals("put")) {
                settings.put(a.get(1), a.get(2), a.get(3));
                return ShellResult.ok("");
            }
            if (a.size() == 3 && a.get(0).equals("delete")) {
                settings.delete(a.get(1), a.get(2));
                return ShellResult.ok("Deleted 1 rows\n");
            }
            if (a.size() == 2 && a.get(0).equals("list")) {
                return ShellResult.ok(settings.list(a.get(1)).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() + "\n")
                        .collect(Collectors.joining()));
            }
        } catch (IllegalArgumentException e) {
            return ShellResult.of("", e.getMessage() + "\n" + SETTINGS_USAGE, 1);
        }
        return ShellResult.of("", SETTINGS_USAGE, 1);
    }

    // ---------------------------------------------------------------- files

    private ShellResult cat(List<String> paths) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder err = new StringBuilder();
        for (String path : paths) {
            try {
                out.writeBytes(files.read(path));
            } catch (VirtualFileSystem.Failure e) {
                err.append("cat: ").append(path).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return new ShellResult(out.toByteArray(), err.toString().getBytes(StandardCharsets.UTF_8), err.isEmpty() ? 0 : 1, null);
    }

    private ShellResult ls(List<String> args) {
        boolean all = false;
        List<String> paths = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("-") && a.length() > 1) {
                for (char c : a.substring(1).toCharArray()) {
                    if (c == 'a') {
                        all = true;
                    } else if (c != '1') {
                        return ShellResult.of("", "ls: Unknown option '" + c + "' (only -a and -1 are simulated)\n", 1);
                    }
                }
            } else {
                paths.add(a);
            }
        }
        if (paths.isEmpty()) {
            paths.add("/");
        }
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String path : paths) {
            var stat = files.stat(path);
            if (stat.isEmpty()) {
                err.append("ls: ").append(path).append(": No such file or directory\n");
            } else if (!stat.get().isDirectory()) {
                out.append(path).append('\n');
            } else {
                if (paths.size() > 1) {
                    out.append(path).append(":\n");
                }
                if (all) {
                    out.append(".\n..\n");
                }
                try {
                    for (VirtualFileSystem.Entry e : files.list(path)) {
                        if (all || !e.name().startsWith(".")) {
                            out.append(e.name()).append('\n');
                        }
                    }
                } catch (VirtualFileSystem.Failure e) {
                    err.append("ls: ").append(path).append(": ").append(e.getMessage()).append('\n');
                }
            }
        }
        return ShellResult.of(out.toString(), err.toString(), err.isEmpty() ? 0 : 1);
    }

    // ---------------------------------------------------------------- logcat

    private static final String PRIORITIES = "VDIWEFS";

    /** {@code logcat [-d] [-c] [-t N] [-v threadtime] [-b buffer] [TAG:P ...]}: dump, clear, or follow. */
    private ShellResult logcat(List<String> args) {
        boolean dump = false;
        int tail = -1;
        Map<String, Integer> filters = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-d" -> dump = true;
                case "-c" -> {
                    phone.logcat.clear();
                    return ShellResult.ok("");
                }
                case "-v", "-b", "-t" -> {
                    if (i + 1 >= args.size()) {
                        return ShellResult.of("", "logcat: option " + a + " needs an argument\n", 1);
                    }
                    String value = args.get(++i);
                    if (a.equals("-v") && !value.equals("threadtime")) {
                        return ShellResult.of("", "logcat: only -v threadtime is simulated, not " + value + "\n", 1);
                    }
                    if (a.equals("-t")) {
                        try {
                            tail = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            return ShellResult.of("", "logcat: -t needs a line count\n", 1);
                        }
                        dump = true;
                    }
                }
                default -> {
                    int colon = a.lastIndexOf(':');
                    if (a.startsWith("-") || colon <= 0 || colon != a.length() - 2 || PRIORITIES.indexOf(a.charAt(colon + 1)) < 0) {
                        return ShellResult.of("", "logcat: unsupported argument '" + a + "'\n", 1);
                    }
                    filters.put(a.substring(0, colon), PRIORITIES.indexOf(a.charAt(colon + 1)));
                }
            }
        }
        List<Logcat.Line> lines = phone.logcat.after(0);
        if (tail >= 0 && lines.size() > tail) {
            lines = lines.subList(lines.size() - tail, lines.size());
        }
        ZoneId zone = ZoneId.systemDefault();
        if (dump) {
            return ShellResult.ok(format(lines, filters, zone));
        }
        List<Logcat.Line> backlog = lines;
        return ShellResult.streaming(out -> {
            long seen = 0;
            List<Logcat.Line> batch = backlog;
            while (true) { // until the host closes the stream: then the wait is interrupted
                if (!batch.isEmpty()) {
                    out.stdout(format(batch, filters, zone).getBytes(StandardCharsets.UTF_8));
                    seen = batch.get(batch.size() - 1).seq();
                }
                phone.logcat.awaitAfter(seen);
                batch = phone.logcat.after(seen);
            }
        });
    }

    private static String format(List<Logcat.Line> lines, Map<String, Integer> filters, ZoneId zone) {
        int fallback = filters.getOrDefault("*", 0);
        StringBuilder b = new StringBuilder();
        for (Logcat.Line l : lines) {
            if (PRIORITIES.indexOf(l.priority()) >= filters.getOrDefault(l.tag(), fallback)) {
                b.append(l.threadtime(zone));
            }
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- screen and apps

    /** {@code screencap -p} prints the PNG Appium's screenshot also shows; {@code screencap [-p] FILE} writes it. */
    private ShellResult screencap(List<String> args) {
        boolean png = false;
        String file = null;
        for (String a : args) {
            if (a.equals("-p")) {
                png = true;
            } else if (!a.startsWith("-") && file == null) {
                file = a;
            } else {
                return ShellResult.of("", "screencap: only -p is simulated\n", 1);
            }
        }
        if (file == null && !png) {
            return ShellResult.of("", "screencap: only PNG output (-p) is simulated\n", 1);
        }
        byte[] picture = phone.screenshotPng();
        if (file == null) {
            return ShellResult.ok(picture);
        }
        try {
            files.write(file, 0660, picture, System.currentTimeMillis() / 1000);
            return ShellResult.ok("");
        } catch (VirtualFileSystem.Failure e) {
            return ShellResult.of("", "Error opening file: " + file + " (" + e.getMessage() + ")\n", 1);
        }
    }

    /** {@code dumpsys package <pkg>}: the package block with versionCode and versionName. */
    private ShellResult dumpsys(List<String> args) {
        if (args.size() != 2 || !args.get(0).equals("package")) {
            return ShellResult.of("", "dumpsys: only 'dumpsys package <package>' is simulated\n", 1);
        }
        String pkg = args.get(1);
        if (!phone.packages().contains(pkg)) {
            return ShellResult.ok(""); // Android prints no package block for an unknown package
        }
        String versionName = versionName(pkg);
        String code = versionName.contains("/") ? versionName.substring(0, versionName.indexOf('/')) : "1";
        String codePath = pkg.equals("android") ? "/system/framework/framework-res.apk" : "/data/app/" + pkg + "-1";
        return ShellResult.ok("Packages:\n"
                + "  Package [" + pkg + "] (" + Integer.toHexString(pkg.hashCode()) + "):\n"
                + "    userId=" + (pkg.equals("android") ? 1000 : 10000 + Math.floorMod(pkg.hashCode(), 1000)) + "\n"
                + "    pkg=Package{" + Integer.toHexString(pkg.hashCode() >>> 4) + " " + pkg + "}\n"
                + "    codePath=" + codePath + "\n"
                + "    resourcePath=" + codePath + "\n"
                + "    versionCode=" + code + " minSdk=28 targetSdk=31\n"
                + "    versionName=" + versionName + "\n"
                + "    flags=[ HAS_CODE ALLOW_CLEAR_USER_DATA ]\n"
                + "    enabled=0\n");
    }

    private String versionName(String pkg) {
        return switch (pkg) {
            case VirtualPhone.TEAMS_PACKAGE -> phone.line().teamsVersion();
            case "android" -> phone.properties().get("ro.build.version.release");
            default -> "1.0";
        };
    }

    private ShellResult am(List<String> words) {
        String line = String.join(" ", words);
        if (line.equals(FACTORY_RESET)) {
            return ShellResult.ok("Broadcasting: Intent { act=android.intent.action.MASTER_CLEAR flg=0x400000 pkg=android }\nBroadcast completed: result=0\n")
                    .then(() -> {
                        files.wipeUserData();
                        settings.wipe();
                        phone.factoryReset();
                    });
        }
        if (words.size() >= 2 && words.get(1).equals("start")) {
            return amStart(words.subList(2, words.size()));
        }
        if (words.size() == 3 && words.get(1).equals("force-stop")) {
            // like Android: silent, exit 0, whatever the package
            if (words.get(2).equals(VirtualPhone.TEAMS_PACKAGE)) phone.teamsForceStopped();
            return ShellResult.ok("");
        }
        return ShellResult.of("", "am: only 'am start -n', 'am force-stop PACKAGE' and the factory reset broadcast are simulated\n", 1);
    }

    /** {@code am start [-W] [-S] -n pkg/activity}: Teams' launcher activity starts; anything else is not found. */
    private ShellResult amStart(List<String> args) {
        String component = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "-W", "-S" -> { }
                case "-n" -> component = i + 1 < args.size() ? args.get(++i) : null;
                default -> {
                    return ShellResult.of("", "am start: only -n, -W and -S are simulated\n", 1);
                }
            }
        }
        if (component == null || component.indexOf('/') <= 0) {
            return ShellResult.of("", "Error: component (-n) missing or not pkg/class\n", 1);
        }
        String pkg = component.substring(0, component.indexOf('/'));
        String cls = component.substring(component.indexOf('/') + 1);
        if (cls.startsWith(".")) {
            cls = pkg + cls;
        }
        String shortName = pkg + "/" + (cls.startsWith(pkg + ".") ? cls.substring(pkg.length()) : cls);
        String starting = "Starting: Intent { cmp=" + shortName + " }\n";
        if (!(pkg.equals(VirtualPhone.TEAMS_PACKAGE) && TEAMS_ACTIVITIES.contains(cls))) {
            return ShellResult.of(starting, "Error type 3\nError: Activity class {" + shortName + "} does not exist.\n", 1);
        }
        phone.logcat.log('I', "ActivityTaskManager", "START u0 {flg=0x10000000 cmp=" + shortName + "} from uid 2000");
        phone.teamsStarted();
        return ShellResult.ok(starting);
    }

    // ---------------------------------------------------------------- sh

    private static int parseExit(String s) {
        try {
            return Integer.parseInt(s) & 0xff;
        } catch (NumberFormatException e) {
            return 2;
        }
    }

    /**
     * Splits a command line into commands (at unquoted {@code ;}) and words, honouring '...', "..." and
     * backslashes; drops {@code export VAR=...} and {@code VAR=...} commands and a leading {@code exec}.
     */
    static List<List<String>> parse(String line) {
        List<List<String>> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (c == '\\' && i + 1 < line.length()) {
                word = word == null ? new StringBuilder() : word;
                word.append(line.charAt(++i));
            } else if (Character.isWhitespace(c) || c == ';') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                if (c == ';') {
                    addCommand(commands, words);
                    words = new ArrayList<>();
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("syntax error: unterminated quoted string");
        }
        if (word != null) {
            words.add(word.toString());
        }
        addCommand(commands, words);
        return commands;
    }

    private static void addCommand(List<List<String>> commands, List<String> words) {
        if (!words.isEmpty() && words.get(0).equals("exec")) {
            words = words.subList(1, words.size());
        }
        if (words.isEmpty() || words.get(0).equals("export") || words.get(0).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            return;
        }
        commands.add(List.copyOf(words));
    }
}
