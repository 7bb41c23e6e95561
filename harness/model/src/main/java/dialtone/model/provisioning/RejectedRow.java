package dialtone.model.provisioning;

/** A row the backend did not add: {@code row} counts from 1, {@code macAddress} as given. */
public record RejectedRow(int row, String macAddress, String reason) {
}
