package dialtone.simulator.adb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A test phone: command line → result, remembering every command it was asked to run. */
final class FakeDevice implements AdbDevice {

    static final String MODEL = "CCX 600";

    private final Map<String, Supplier<ShellResult>> commands = new ConcurrentHashMap<>();
    final List<String> seen = new CopyOnWriteArrayList<>();
    final VirtualFileSystem files;

    FakeDevice() {
        this(new VirtualFileSystem()
                .directory("/sdcard", true)
                .directory("/data/local/tmp", true)
                .generated("/sys/class/net/eth0/address", () -> "64:16:7f:00:00:01\n"));
    }

    FakeDevice(VirtualFileSystem files) {
        this.files = files;
        answer("getprop ro.product.model", ShellResult.ok(MODEL + "\n"));
        answer("echo hello", ShellResult.ok("hello\n"));
        answer("fail", ShellResult.of("some out\n", "something went wrong\n", 2));
        answer("exit 3", ShellResult.of("", "", 3));
        answer("reboot", ShellResult.ok(""));
        answer("boom", () -> {
            throw new IllegalStateException("handler blew up");
        });
    }

    FakeDevice answer(String command, ShellResult result) {
        commands.put(command, () -> result);
        return this;
    }

    FakeDevice answer(String command, Supplier<ShellResult> result) {
        commands.put(command, result);
        return this;
    }

    @Override
    public Map<String, String> bannerProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ro.product.name", "ccx600");
        p.put("ro.product.model", MODEL);
        p.put("ro.product.device", "ccx600");
        return p;
    }

    @Override
    public VirtualFileSystem files() {
        return files;
    }

    @Override
    public ShellResult shell(String commandLine) {
        seen.add(commandLine);
        Supplier<ShellResult> r = commands.get(commandLine);
        if (r == null) {
            return ShellResult.of("", "/system/bin/sh: " + commandLine.split(" ")[0] + ": not found\n", 127);
        }
        return r.get();
    }
}
