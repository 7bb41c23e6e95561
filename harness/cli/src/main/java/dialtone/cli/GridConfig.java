package dialtone.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dialtone.core.phone.Phone;
import dialtone.model.rack.Rack;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Selenium Grid 4 configuration for a rack (docs/scale-out.md): one relay node per Appium server,
 * one slot per phone whose stereotype carries what the harness's session requests carry
 * ({@code appium:udid} = the adb serial, {@code poly:model} = the profile id), and the hub.
 * The Grid matches {@code appium:udid} and {@code poly:model} case-insensitively when a request
 * carries them, so each phone's session goes to the node that relays to its Appium server.
 */
final class GridConfig {
    /** How long the hub keeps a session request no free slot takes before failing it (Grid default: 300 s). */
    static final int SESSION_REQUEST_TIMEOUT_S = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private GridConfig() {}

    /** A phone's Grid slot: what it matches on. */
    record Stereotype(String udid, String model, String platformVersion) {
        Map<String, Object> capabilities() {
            Map<String, Object> caps = new LinkedHashMap<>();
            caps.put("platformName", "android");
            caps.put("appium:automationName", "UiAutomator2");
            caps.put("appium:udid", udid);
            caps.put(Phone.MODEL_CAPABILITY, model);
            caps.put("appium:platformVersion", platformVersion);
            return caps;
        }

        String json() {
            try {
                return JSON.writeValueAsString(capabilities());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One relay node: the phones whose sessions it relays to one Appium server. */
    record RelayNode(String name, URI appiumServer, List<Stereotype> phones) {}

    /** Where the hub listens: its URL and its event bus ports (nodes connect to both). */
    record Hub(String host, int port, int publishPort, int subscribePort) {
        URI url() { return URI.create("http://" + host + ":" + port); }
    }

    /**
     * The relay nodes of a rack: its devices grouped by the Appium server they are {@code adb connect}ed
     * to ({@code appiumServer}, or the rack's {@code appium} URL when no device names one), each server's
     * phones spread over {@code nodesPerServer} nodes with disjoint stereotypes.
     *
     * @param androidVersion the Android release a phone runs, for {@code appium:platformVersion}
     */
    static List<RelayNode> relayNodes(List<Rack.Device> devices, URI defaultServer, int nodesPerServer,
                                      Function<Rack.Device, String> androidVersion) {
        if (nodesPerServer < 1) throw new IllegalArgumentException("--nodes must be at least 1, found " + nodesPerServer);
        Map<URI, List<Rack.Device>> byServer = new LinkedHashMap<>();
        for (Rack.Device d : devices) {
            byServer.computeIfAbsent(d.appiumServer().orElse(defaultServer), s -> new ArrayList<>()).add(d);
        }
        List<RelayNode> nodes = new ArrayList<>();
        for (Map.Entry<URI, List<Rack.Device>> e : byServer.entrySet()) {
            int split = Math.min(nodesPerServer, e.getValue().size());
            for (int n = 0; n < split; n++) {
                List<Stereotype> phones = new ArrayList<>();
                for (int i = n; i < e.getValue().size(); i += split) {
                    Rack.Device d = e.getValue().get(i);
                    phones.add(new Stereotype(d.adb().serial(), d.profile(), androidVersion.apply(d)));
                }
                String host = e.getKey().getHost() + "-" + (e.getKey().getPort() < 0 ? "default" : e.getKey().getPort());
                nodes.add(new RelayNode(split == 1 ? host : host + "-" + (n + 1), e.getKey(), List.copyOf(phones)));
            }
        }
        return nodes;
    }

    /**
     * A relay node's TOML. {@code bindHost} empty: the node finds its own address (a lab host);
     * else it binds there (loopback in {@code grid up}).
     */
    static String nodeToml(RelayNode node, Hub hub, String bindHost, int port) {
        StringBuilder t = new StringBuilder();
        t.append("# Relay node ").append(node.name()).append(": relays the sessions of ").append(node.phones().size())
                .append(" phone(s) to the Appium server ").append(node.appiumServer()).append(".\n")
                .append("# Written by `dialtone grid config` (docs/scale-out.md). Start it on a host that reaches that server:\n")
                .append("#   java -cp <grid classpath> org.openqa.selenium.grid.Main node --config <this file>\n");
        t.append("[server]\n");
        if (!bindHost.isEmpty()) t.append("host = ").append(quoted(bindHost)).append('\n');
        t.append("port = ").append(port).append("\n\n");
        t.append("[node]\n")
                .append("detect-drivers = false\n")
                .append("grid-url = ").append(quoted(hub.url().toString())).append('\n')
                .append("# one session per phone; all of this node's phones at once\n")
                .append("max-sessions = ").append(node.phones().size()).append('\n')
                .append("override-max-sessions = true\n\n");
        t.append("[events]\n")
                .append("publish = ").append(quoted("tcp://" + hub.host() + ":" + hub.publishPort())).append('\n')
                .append("subscribe = ").append(quoted("tcp://" + hub.host() + ":" + hub.subscribePort())).append("\n\n");
        t.append("[relay]\n")
                .append("url = ").append(quoted(node.appiumServer().toString())).append('\n')
                .append("# the node is up only while this answers 200\n")
                .append("status-endpoint = \"/status\"\n")
                .append("# max sessions, stereotype: one slot per phone\n")
                .append("configs = [\n");
        for (Stereotype s : node.phones()) {
            t.append("  \"1\", ").append(quoted(s.json())).append(",\n");
        }
        t.append("]\n");
        return t.toString();
    }

    /**
     * The hub's TOML. Requests no node could ever serve fail at once ({@code reject-unsupported-caps}),
     * and a request for a busy phone fails after {@link #SESSION_REQUEST_TIMEOUT_S} instead of 300 s.
     */
    static String hubToml(Hub hub, boolean bindToHost) {
        String bind = bindToHost ? hub.host() : "*";
        return "# Selenium Grid hub for Dialtone (docs/scale-out.md):\n"
                + "#   java -cp <grid classpath> org.openqa.selenium.grid.Main hub --config <this file>\n"
                + "[server]\n"
                + (bindToHost ? "host = " + quoted(hub.host()) + "\n" : "")
                + "port = " + hub.port() + "\n\n"
                + "[events]\n"
                + "publish = " + quoted("tcp://" + bind + ":" + hub.publishPort()) + "\n"
                + "subscribe = " + quoted("tcp://" + bind + ":" + hub.subscribePort()) + "\n\n"
                + "[sessionqueue]\n"
                + "# a session request no free slot takes fails after this many seconds (a phone busy in another run)\n"
                + "session-request-timeout = " + SESSION_REQUEST_TIMEOUT_S + "\n"
                + "session-request-timeout-period = 5\n\n"
                + "[distributor]\n"
                + "# a request for a phone no node has (unknown udid or model) fails at once instead of waiting\n"
                + "reject-unsupported-caps = true\n";
    }

    /** The udids of the phones with a slot on a node that is up, from a hub's {@code /status} value. */
    static Set<String> slottedPhones(JsonNode status) {
        Set<String> udids = new HashSet<>();
        for (JsonNode node : status.path("nodes")) {
            if (!node.path("availability").asText().equals("UP")) continue;
            for (JsonNode slot : node.path("slots")) {
                String udid = slot.path("stereotype").path("appium:udid").asText("");
                if (!udid.isEmpty()) udids.add(udid);
            }
        }
        return udids;
    }

    /** A TOML basic string. */
    static String quoted(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                default -> {
                    if (c < 0x20) throw new IllegalArgumentException("a control character in a Grid setting: " + s.replace(c, '?'));
                    q.append(c);
                }
            }
        }
        return q.append('"').toString();
    }
}
