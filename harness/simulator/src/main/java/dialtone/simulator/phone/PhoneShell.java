package dialtone.simulator.phone;

import dialtone.simulator.adb.ShellResult;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The part of Android's shell a virtual phone answers: getprop, the MAC, package queries, the
 * factory reset broadcast and reboot. Anything else answers as Android's sh does.
 */
final class PhoneShell {
    static final String FACTORY_RESET = "am broadcast -a android.intent.action.MASTER_CLEAR -p android";

    private final VirtualPhone phone;

    PhoneShell(VirtualPhone phone) {
        this.phone = phone;
    }

    ShellResult run(String commandLine) {
        String line = commandLine.strip();
        List<String> words = List.of(line.split("\\s+"));
        String command = words.get(0);
        Map<String, String> props = phone.properties();
        return switch (command) {
            case "" -> ShellResult.ok("");
            case "getprop" -> words.size() == 1
                    ? ShellResult.ok(props.entrySet().stream().map(e -> "[" + e.getKey() + "]: [" + e.getValue() + "]\n").collect(Collectors.joining()))
                    : ShellResult.ok(props.getOrDefault(words.get(1), "") + "\n");
            case "echo" -> ShellResult.ok(line.substring(4).strip() + "\n");
            case "exit" -> ShellResult.of("", "", words.size() > 1 ? parseExit(words.get(1)) : 0);
            case "cat" -> cat(words);
            case "pm" -> line.equals("pm list packages")
                    ? ShellResult.ok(phone.packages().stream().map(p -> "package:" + p + "\n").collect(Collectors.joining()))
                    : ShellResult.of("", "pm: only 'pm list packages' is simulated\n", 1);
            case "am" -> line.equals(FACTORY_RESET)
                    ? ShellResult.ok("Broadcasting: Intent { act=android.intent.action.MASTER_CLEAR flg=0x400000 pkg=android }\nBroadcast completed: result=0\n")
                            .then(phone::factoryReset)
                    : ShellResult.of("", "am: only the factory reset broadcast is simulated\n", 1);
            case "reboot" -> ShellResult.ok("").then(phone::reboot);
            default -> ShellResult.of("", "/system/bin/sh: " + command + ": not found\n", 127);
        };
    }

    private ShellResult cat(List<String> words) {
        if (words.size() == 2 && words.get(1).equals("/sys/class/net/eth0/address")) {
            return ShellResult.ok(phone.mac().linuxForm() + "\n");
        }
        if (words.size() == 2 && words.get(1).equals("/proc/sys/kernel/random/boot_id")) {
            return ShellResult.ok(phone.bootUuid() + "\n");
        }
        String path = words.size() > 1 ? words.get(1) : "";
        return ShellResult.of("", "cat: " + path + ": No such file or directory\n", 1);
    }

    private static int parseExit(String s) {
        try {
            return Integer.parseInt(s) & 0xff;
        } catch (NumberFormatException e) {
            return 2;
        }
    }
}
