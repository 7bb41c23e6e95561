package dialtone.backend.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dialtone.backend.ApiException;
import dialtone.model.provisioning.NewDevice;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvisioningCsvTest {
    @Test
    void theTemplateIsTheHeaderLine() {
        assertThat(ProvisioningCsv.template()).isEqualTo("MAC address,Location\r\n");
        assertThat(ProvisioningCsv.parse(ProvisioningCsv.template())).isEmpty();
    }

    @Test
    void readsRowsNumberedFromOneAfterTheHeader() {
        List<ProvisioningCsv.Row> rows = ProvisioningCsv.parse("MAC address,Location\n64:16:7F:0A:0B:01,Lobby\n64167f0a0b02\n");
        assertThat(rows).containsExactly(
                ProvisioningCsv.Row.of(1, new NewDevice("64:16:7F:0A:0B:01", "Lobby")),
                ProvisioningCsv.Row.of(2, new NewDevice("64167f0a0b02", "")));
    }

    @Test
    void acceptsABomCrlfQuotedFieldsAndAnyHeaderCase() {
        String csv = "\uFEFFmac ADDRESS , location\r\n"
                + "\"64-16-7F-0A-0B-01\",\"Building 2, floor 3 \"\"east\"\"\"\r\n"
                + "  64:16:7F:0A:0B:02  ,  Reception  \r\n";
        List<ProvisioningCsv.Row> rows = ProvisioningCsv.parse(csv.getBytes(StandardCharsets.UTF_8));
        assertThat(rows).extracting(ProvisioningCsv.Row::device).containsExactly(
                new NewDevice("64-16-7F-0A-0B-01", "Building 2, floor 3 \"east\""),
                new NewDevice("64:16:7F:0A:0B:02", "Reception"));
    }

    @Test
    void separatorOnlyAndBlankLinesInsideAreEmptyRowsButTrailingBlankLinesAreNotRows() {
        List<ProvisioningCsv.Row> rows = ProvisioningCsv.parse("MAC address,Location\r\n,\r\n\r\n64167F0A0B01,x\r\n , \r\n\r\n\r\n");
        assertThat(rows).extracting(ProvisioningCsv.Row::number).containsExactly(1, 2, 3, 4);
        assertThat(rows).extracting(ProvisioningCsv.Row::problem).containsExactly("empty row", "empty row", null, "empty row");
    }

    @Test
    void extraFieldsAreAProblemUnlessEmpty() {
        List<ProvisioningCsv.Row> rows = ProvisioningCsv.parse("MAC address,Location\n64167F0A0B01,x,,\n64167F0A0B02,x,extra\n");
        assertThat(rows.get(0).problem()).isNull();
        assertThat(rows.get(1).problem()).isEqualTo("the row has 3 fields; expected 2 (MAC address, Location)");
    }

    @Test
    void refusesAFileThatCannotBeReadAsAWhole() {
        assertRefused("", 400, "malformed_csv", "the file is empty");
        assertRefused("\r\n\r\n", 400, "malformed_csv", "the file is empty");
        assertRefused("MAC,Location\n64167F0A0B01,x\n", 400, "malformed_csv",
                "the first line must be the header MAC address,Location (as in Template_Provisioning.csv); found \"MAC,Location\"");
        assertRefused("64167F0A0B01,x\n", 400, "malformed_csv", "found \"64167F0A0B01,x\"");
        assertRefused("MAC address,Location\n64167F0A0B01,\"Lobby\n64167F0A0B02,x\n", 400, "malformed_csv",
                "not valid CSV: Missing closing quote");
        assertRefused("MAC address,Location\n\"64167F0A0B01\"x,y\n", 400, "malformed_csv", "at line 2");
        assertThatThrownBy(() -> ProvisioningCsv.parse(new byte[] {'M', (byte) 0xC3, (byte) 0x28}))
                .isInstanceOf(ApiException.class).hasMessageContaining("not UTF-8");
    }

    @Test
    void allowsAThousandRowsAndRefusesMore() {
        assertThat(ProvisioningCsv.parse(ProvisioningCsvTestRows.csvOf(1000))).hasSize(1000);
        assertRefused(ProvisioningCsvTestRows.csvOf(1001), 413, "too_many_rows", "the upload has 1001 rows; at most 1000 devices");
    }

    private static void assertRefused(String csv, int status, String error, String message) {
        assertThatThrownBy(() -> ProvisioningCsv.parse(csv))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.error()).isEqualTo(error);
                })
                .hasMessageContaining(message);
    }
}
