package dialtone.core.power;

import dialtone.model.rack.Power;
import dialtone.model.rack.Rack;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Switches one rack phone's power. A backend is two methods; a power cycle is {@link #off()}, a
 * wait, {@link #on()}. A failure to switch is an {@link dialtone.core.failure.InfrastructureProblem}.
 */
public interface PowerControl {

    void on();

    void off();

    /** Off, {@code offFor} off (so the phone really loses power), on. */
    default void cycle(Duration offFor) {
        off();
        try {
            Thread.sleep(offFor.toMillis()); // a hold, not a wait for state: the phone must stay unpowered this long
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // still switched on again below: never leave a phone off
        }
        on();
    }

    /**
     * The power control the rack file names for {@code device}; empty for {@code power: none}.
     *
     * @param simulatorControl the virtual rack's control API ({@code virtual} needs it)
     * @param environment      where {@code passwordEnv} and {@code communityEnv} are looked up
     */
    static Optional<PowerControl> of(Rack.Device device, Optional<URI> simulatorControl, Map<String, String> environment) {
        Power p = device.power();
        if (p instanceof Power.None) {
            return Optional.empty();
        }
        if (p instanceof Power.Virtual) {
            URI control = simulatorControl.orElseThrow(() -> new IllegalStateException(
                    device.id() + ": power: virtual needs the virtual rack's control API, and none is running"));
            return Optional.of(new VirtualPower(control, device.id()));
        }
        if (p instanceof Power.Http http) {
            return Optional.of(new HttpPduOutlet(device.id(), http, environment));
        }
        if (p instanceof Power.Snmp snmp) {
            return Optional.of(new SnmpPoePort(device.id(), snmp, environment));
        }
        throw new IllegalArgumentException(device.id() + ": unknown power control " + p.type());
    }
}
