package dialtone.core.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import dialtone.core.failure.InfrastructureProblem;
import dialtone.model.Mac;
import dialtone.model.rack.AdbAddress;
import dialtone.model.rack.Power;
import dialtone.model.rack.Rack;
import dialtone.model.rack.Secret;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * The HTTP PDU and SNMP PoE backends against tiny in-test peers on loopback (a JDK HTTP server, an
 * snmp4j command responder as the switch's agent), and the choice of backend from the rack file.
 */
class PowerControlTest {
    private HttpServer pdu;
    private Snmp agent;

    @AfterEach
    void stop() throws Exception {
        if (pdu != null) pdu.stop(0);
        if (agent != null) agent.close();
    }

    private static Rack.Device device(Power power) {
        return new Rack.Device("desk-7", "poly-ccx600", new AdbAddress("127.0.0.1", 5555), Optional.of(Mac.parse("64:16:7F:00:00:07")),
                Optional.empty(), power);
    }

    @Test
    void noneHasNoPowerControlAndVirtualNeedsTheSimulator() {
        assertThat(PowerControl.of(device(Power.NONE), Optional.empty(), Map.of())).isEmpty();
        assertThat(PowerControl.of(device(Power.VIRTUAL), Optional.of(URI.create("http://127.0.0.1:1")), Map.of())).containsInstanceOf(VirtualPower.class);
        assertThatThrownBy(() -> PowerControl.of(device(Power.VIRTUAL), Optional.empty(), Map.of()))
                .hasMessageContaining("desk-7: power: virtual needs the virtual rack's control API");
    }

    @Test
    void aPduOutletIsSwitchedWithTheRackFilesMethodAndBasicAuthAndThePasswordIsNeverLogged() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        pdu = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pdu.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + new String(Base64.getDecoder().decode(auth.substring("Basic ".length())), StandardCharsets.UTF_8));
            int status = exchange.getRequestURI().getPath().contains("/9/") ? 503 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        pdu.start();
        String base = "http://127.0.0.1:" + pdu.getAddress().getPort();
        Power.Http outlet = new Power.Http(base + "/outlets/7/on", base + "/outlets/7/off", "PUT", Optional.of("admin"),
                Optional.of(Secret.env("PDU_PASSWORD")));
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        try {
            PowerControl power = PowerControl.of(device(outlet), Optional.empty(), Map.of("PDU_PASSWORD", "s3cret-pdu")).orElseThrow();
            power.cycle(Duration.ofMillis(10));
            assertThat(calls).containsExactly("PUT /outlets/7/off admin:s3cret-pdu", "PUT /outlets/7/on admin:s3cret-pdu");

            Power.Http broken = new Power.Http(base + "/outlets/9/on", base + "/outlets/9/off", "POST", Optional.of("admin"),
                    Optional.of(Secret.env("PDU_PASSWORD")));
            assertThatThrownBy(() -> PowerControl.of(device(broken), Optional.empty(), Map.of("PDU_PASSWORD", "s3cret-pdu")).orElseThrow().off())
                    .isInstanceOf(InfrastructureProblem.class)
                    .hasMessageContaining("desk-7 PDU outlet off (POST " + base + "/outlets/9/off): the power switch answered HTTP 503")
                    .hasMessageNotContaining("s3cret");
            assertThatThrownBy(() -> PowerControl.of(device(outlet), Optional.empty(), Map.of()).orElseThrow().on())
                    .hasMessage("environment variable PDU_PASSWORD is not set");
        } finally {
            ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        }
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains("s3cret"));
    }

    @Test
    void aPoePortIsSwitchedWithAnSnmpV2cSetOfIfAdminStatus() throws Exception {
        List<String> sets = new CopyOnWriteArrayList<>();
        agent = new Snmp(new DefaultUdpTransportMapping(new UdpAddress(InetAddress.getLoopbackAddress(), 0)));
        agent.addCommandResponder(new CommandResponder() {
            @Override
            public <A extends org.snmp4j.smi.Address> void processPdu(CommandResponderEvent<A> event) {
                PDU request = event.getPDU();
                String community = new String(event.getSecurityName(), StandardCharsets.UTF_8);
                for (VariableBinding vb : request.getVariableBindings()) {
                    sets.add(PDU.getTypeString(request.getType()) + " " + community + " " + vb.getOid() + "=" + vb.getVariable());
                }
                PDU response = new PDU(request);
                response.setType(PDU.RESPONSE);
                if (!community.equals("lab-write")) response.setErrorStatus(PDU.noAccess);
                try {
                    event.getMessageDispatcher().returnResponsePdu(event.getMessageProcessingModel(), event.getSecurityModel(),
                            event.getSecurityName(), event.getSecurityLevel(), response, event.getMaxSizeResponsePDU(),
                            event.getStateReference(), new StatusInformation());
                } catch (org.snmp4j.MessageException e) {
                    throw new IllegalStateException(e);
                }
                event.setProcessed(true);
            }
        });
        agent.listen();
        int port = ((UdpAddress) agent.getMessageDispatcher().getTransportMappings().iterator().next().getListenAddress()).getPort();

        Power.Snmp poe = new Power.Snmp("127.0.0.1", port, 12, Secret.env("POE_COMMUNITY"));
        PowerControl power = PowerControl.of(device(poe), Optional.empty(), Map.of("POE_COMMUNITY", "lab-write")).orElseThrow();
        power.cycle(Duration.ofMillis(10));
        assertThat(sets).containsExactly("SET lab-write 1.3.6.1.2.1.2.2.1.7.12=2", "SET lab-write 1.3.6.1.2.1.2.2.1.7.12=1");

        PowerControl wrongCommunity = PowerControl.of(device(poe), Optional.empty(), Map.of("POE_COMMUNITY", "public")).orElseThrow();
        assertThatThrownBy(wrongCommunity::off).isInstanceOf(InfrastructureProblem.class)
                .hasMessageContaining("desk-7 PoE port 127.0.0.1:" + port + " ifIndex 12 down: the switch refused the SET: No access")
                .hasMessageNotContaining("public");
    }

    @Test
    void theSetRequestIsIfAdminStatusOfThePort() {
        PDU down = SnmpPoePort.request(3, SnmpPoePort.DOWN);
        assertThat(down.getType()).isEqualTo(PDU.SET);
        List<VariableBinding> bindings = List.copyOf(down.getVariableBindings());
        assertThat(bindings).containsExactly(new VariableBinding(new OID("1.3.6.1.2.1.2.2.1.7.3"), new Integer32(2)));
    }
}
