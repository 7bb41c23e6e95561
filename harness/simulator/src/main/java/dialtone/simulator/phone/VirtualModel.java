package dialtone.simulator.phone;

import dialtone.model.yaml.YamlNode;
import dialtone.model.yaml.YamlSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a virtual phone of one model is: its reported identity and its screen. */
public record VirtualModel(String profileId, String manufacturer, String model, String device,
                           int width, int height, String teamsVersion) {

    private static final Map<String, VirtualModel> CATALOGUE = load();

    public static VirtualModel of(String profileId) {
        VirtualModel m = CATALOGUE.get(profileId);
        if (m == null) {
            throw new IllegalArgumentException("the simulator has no virtual model for profile '" + profileId
                    + "' (it has: " + String.join(", ", CATALOGUE.keySet()) + ")");
        }
        return m;
    }

    private static Map<String, VirtualModel> load() {
        try (InputStream in = VirtualModel.class.getResourceAsStream("/virtual-models.yaml")) {
            YamlNode root = YamlSource.parse("virtual-models.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Map<String, VirtualModel> out = new LinkedHashMap<>();
            for (String id : root.fieldNames()) {
                YamlNode m = root.get(id).keys("manufacturer", "model", "device", "display", "teamsVersion");
                YamlNode d = m.get("display").keys("width", "height");
                out.put(id, new VirtualModel(id, m.text("manufacturer"), m.text("model"), m.text("device"),
                        d.integer("width", 100, 10_000), d.integer("height", 100, 10_000), m.text("teamsVersion")));
            }
            return Map.copyOf(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read virtual-models.yaml", e);
        }
    }
}
