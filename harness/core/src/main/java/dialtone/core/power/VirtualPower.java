package dialtone.core.power;

import java.net.URI;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/** A virtual phone's power, through the simulator's control API ({@code POST /sim/v1/devices/{id}/power}). */
final class VirtualPower implements PowerControl {
    private static final MediaType JSON = MediaType.get("application/json");
    private final String url;
    private final String device;

    VirtualPower(URI control, String device) {
        this.url = control.toString().replaceAll("/+$", "") + "/sim/v1/devices/" + device + "/power";
        this.device = device;
    }

    @Override
    public void on() { power("on"); }

    @Override
    public void off() { power("off"); }

    private void power(String state) {
        RequestBody body = RequestBody.create("{\"state\":\"" + state + "\"}", JSON);
        Switch.call(new Request.Builder().url(url).post(body).build(), device + " virtual power " + state);
    }
}
