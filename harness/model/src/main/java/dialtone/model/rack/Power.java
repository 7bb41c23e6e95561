package dialtone.model.rack;

import java.util.Optional;

/**
 * How the harness switches one rack phone's power, as the rack file's {@code power} key says: nothing
 * ({@code none}: the recovery ladder skips its power-cycle rung), a PDU outlet over HTTP, a PoE switch
 * port over SNMP v2c, or the simulator's control API ({@code virtual}). Secrets are sources, never values.
 */
public sealed interface Power {
    None NONE = new None();
    Virtual VIRTUAL = new Virtual();

    /** The rack file's word for it. */
    String type();

    record None() implements Power {
        public String type() { return "none"; }
    }

    /** The virtual rack's phone of the same id, switched at {@code POST /sim/v1/devices/{id}/power}. */
    record Virtual() implements Power {
        public String type() { return "virtual"; }
    }

    /**
     * A PDU outlet: {@code method} on {@code on} or {@code off} ({@code {outlet}} already filled in),
     * with HTTP basic auth when {@code user} is given.
     */
    record Http(String on, String off, String method, Optional<String> user, Optional<Secret> password) implements Power {
        public String type() { return "http"; }
    }

    /** A PoE switch port: ifAdminStatus of {@code ifIndex} set down (2) or up (1) with SNMP v2c. */
    record Snmp(String host, int port, int ifIndex, Secret community) implements Power {
        public String type() { return "snmp"; }
    }
}
