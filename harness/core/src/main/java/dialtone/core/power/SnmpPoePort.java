package dialtone.core.power;

import dialtone.core.failure.InfrastructureProblem;
import dialtone.model.rack.Power;
import java.io.IOException;
import java.util.Map;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.GenericAddress;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * A PoE switch port: IF-MIB ifAdminStatus.{ifIndex} set to down(2) or up(1) with SNMP v2c SET. The
 * write community comes from the environment or a file and is never logged.
 */
final class SnmpPoePort implements PowerControl {
    /** IF-MIB::ifAdminStatus. */
    static final OID IF_ADMIN_STATUS = new OID("1.3.6.1.2.1.2.2.1.7");
    static final int UP = 1;
    static final int DOWN = 2;

    private final String device;
    private final Power.Snmp port;
    private final Map<String, String> environment;

    SnmpPoePort(String device, Power.Snmp port, Map<String, String> environment) {
        this.device = device;
        this.port = port;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public void on() { set(UP, "up"); }

    @Override
    public void off() { set(DOWN, "down"); }

    /** The SET request for one port: exposed so its encoding can be checked. */
    static PDU request(int ifIndex, int status) {
        PDU pdu = new PDU();
        pdu.setType(PDU.SET);
        OID oid = new OID(IF_ADMIN_STATUS);
        oid.append(ifIndex);
        pdu.add(new VariableBinding(oid, new Integer32(status)));
        return pdu;
    }

    private void set(int status, String word) {
        String what = device + " PoE port " + port.host() + ":" + port.port() + " ifIndex " + port.ifIndex() + " " + word;
        CommunityTarget<UdpAddress> target = new CommunityTarget<>((UdpAddress) GenericAddress.parse("udp:" + port.host() + "/" + port.port()),
                new OctetString(port.community().resolve(environment)));
        target.setVersion(SnmpConstants.version2c);
        target.setTimeout(2_000);
        target.setRetries(2);
        try (Snmp snmp = new Snmp(new DefaultUdpTransportMapping())) {
            snmp.listen();
            ResponseEvent<UdpAddress> event = snmp.send(request(port.ifIndex(), status), target);
            PDU response = event.getResponse();
            if (response == null) {
                throw new InfrastructureProblem(what + ": the switch did not answer (SNMP v2c SET timed out)");
            }
            if (response.getErrorStatus() != PDU.noError) {
                throw new InfrastructureProblem(what + ": the switch refused the SET: " + response.getErrorStatusText());
            }
        } catch (IOException e) {
            throw new InfrastructureProblem(what + ": " + e.getMessage(), e);
        }
    }
}
