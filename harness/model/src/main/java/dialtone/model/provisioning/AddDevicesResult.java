package dialtone.model.provisioning;

import java.util.List;

/** Answer to adding MAC addresses: good rows are added even when others are rejected. */
public record AddDevicesResult(List<ProvisioningRecord> added, List<RejectedRow> rejected) {
    public AddDevicesResult {
        added = List.copyOf(added);
        rejected = List.copyOf(rejected);
    }
}
