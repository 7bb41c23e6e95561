package dialtone.cli;

import dialtone.model.profile.DeviceProfiles;
import dialtone.model.profile.PhoneScreen;
import dialtone.model.rack.AdbAddress;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dialtone profile ...}: device profiles from real phones. */
@Command(name = "profile", mixinStandardHelpOptions = true, description = "Device profiles: capture one from a phone.",
        subcommands = ProfileCommand.Capture.class)
final class ProfileCommand {

    /** {@code dialtone profile capture --device ADB_ADDR}. */
    @Command(name = "capture", mixinStandardHelpOptions = true,
            description = "Dump a phone's properties and the page source of every screen reachable without changing its"
                    + " provisioning (sign-in, Settings, the provisioning dial pad, back), and write a profile derived from the"
                    + " model's profile with each locator checked, re-derived or flagged FIXME (docs/profiles.md).")
    static final class Capture implements Callable<Integer> {
        @Option(names = "--device", required = true, paramLabel = "ADB_ADDR", description = "the phone's network ADB address, host:port")
        String device;

        @Option(names = "--appium", paramLabel = "URL", defaultValue = "http://127.0.0.1:4723",
                description = "Appium server (UiAutomator2) that sees the phone (default: ${DEFAULT-VALUE})")
        String appium;

        @Option(names = "--out", paramLabel = "FILE",
                description = "profile to write; its name is the profile id (default: captures/<template id>.yaml); the page sources go to <id>.capture/ beside it")
        Path out;

        @Option(names = "--template", paramLabel = "ID", description = "profile to start from (default: the one whose properties the phone reports)")
        String template;

        @Option(names = "--profiles", paramLabel = "DIR", description = "device profiles directory (default: device-profiles)")
        Path profiles;

        @Override
        public Integer call() {
            Workspace ws = Workspace.current();
            AdbAddress address = AdbAddress.parse(device);
            URL appiumUrl;
            try {
                appiumUrl = URI.create(appium).toURL();
            } catch (IllegalArgumentException | MalformedURLException e) {
                throw new IllegalArgumentException("--appium must be an http URL such as http://127.0.0.1:4723, got '" + appium + "'");
            }
            DeviceProfiles loaded = DeviceProfiles.loadDirectory(ws.profiles(profiles));
            try (ProfileCapture capture = new ProfileCapture(address, loaded, appiumUrl)) {
                return capture(capture, ws, address);
            }
        }

        private int capture(ProfileCapture capture, Workspace ws, AdbAddress address) {
            Path target = out;
            if (target == null) {
                // the template is only known once the phone answered: capture writes where the template's id says
                target = ws.home().resolve("captures").resolve(capture.templateId(Optional.ofNullable(template)) + ".yaml");
            } else {
                target = ws.resolve(target);
                if (!target.getFileName().toString().endsWith(".yaml")) {
                    throw new IllegalArgumentException("--out must name a .yaml file (its name is the profile id), got " + out);
                }
            }
            ProfileCapture.Result r = capture.capture(target, Optional.ofNullable(template));
            System.out.println("Captured " + address + " starting from profile " + r.template().id());
            for (PhoneScreen screen : PhoneScreen.values()) {
                System.out.printf("  %-20s %s%n", screen.key(), r.summary(screen));
            }
            System.out.println("Profile: " + r.profile());
            System.out.println("Page sources: " + r.pagesDir());
            System.out.println("Try it: ./dialtone run smoke --rack RACK --profiles " + r.profile().getParent());
            return Main.ALL_PASSED;
        }
    }
}
