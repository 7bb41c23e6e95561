package dialtone.core.power;

import dialtone.model.rack.Power;
import java.util.Map;
import okhttp3.Credentials;
import okhttp3.Request;
import okhttp3.RequestBody;

/** A PDU outlet switched over HTTP: the rack file's method on its {@code on} or {@code off} URL, basic auth if given. */
final class HttpPduOutlet implements PowerControl {
    private final String device;
    private final Power.Http outlet;
    private final Map<String, String> environment;

    HttpPduOutlet(String device, Power.Http outlet, Map<String, String> environment) {
        this.device = device;
        this.outlet = outlet;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public void on() { call(outlet.on(), "on"); }

    @Override
    public void off() { call(outlet.off(), "off"); }

    private void call(String url, String state) {
        Request.Builder r = new Request.Builder().url(url)
                .method(outlet.method(), outlet.method().equals("GET") ? null : RequestBody.create(new byte[0]));
        if (outlet.user().isPresent()) {
            // resolved for this call only; the error of a missing secret names its source, never a value
            r.header("Authorization", Credentials.basic(outlet.user().get(), outlet.password().orElseThrow().resolve(environment)));
        }
        Switch.call(r.build(), device + " PDU outlet " + state + " (" + outlet.method() + " " + url + ")");
    }
}
