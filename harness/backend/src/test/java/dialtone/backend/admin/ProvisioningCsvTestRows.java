package dialtone.backend.admin;

/** CSV files of many rows for tests. */
public final class ProvisioningCsvTestRows {
    private ProvisioningCsvTestRows() {
    }

    /** The header and {@code rows} distinct Poly MACs. */
    public static String csvOf(int rows) {
        StringBuilder csv = new StringBuilder("MAC address,Location\r\n");
        for (int i = 0; i < rows; i++) {
            csv.append(String.format("64:16:7F:00:%02X:%02X,slot %d\r\n", i / 256, i % 256, i));
        }
        return csv.toString();
    }
}
