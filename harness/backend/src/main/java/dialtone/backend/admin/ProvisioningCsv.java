package dialtone.backend.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dialtone.backend.ApiException;
import dialtone.model.provisioning.NewDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code Template_Provisioning.csv}: the header line {@code MAC address,Location}, then one device
 * per line. UTF-8 (a byte-order mark is fine), CRLF or LF, RFC 4180 quoting. Data rows are
 * numbered from 1 (the first line after the header). A line with nothing but separators or
 * blanks is an "empty row"; blank lines at the end of the file are not rows. A file that cannot
 * be read as a whole (not UTF-8, wrong header, unbalanced quotes, too many rows) is refused and
 * nothing of it is added; anything else is decided row by row.
 */
public final class ProvisioningCsv {
    public static final String FILE_NAME = "Template_Provisioning.csv";
    public static final List<String> HEADER = List.of("MAC address", "Location");
    public static final int MAX_ROWS = 1000;

    private static final ObjectReader READER = new CsvMapper()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .readerFor(String[].class);

    private ProvisioningCsv() {
    }

    /** One data row: the device as typed, or why the row cannot be one. */
    public record Row(int number, NewDevice device, String problem) {
        public static Row of(int number, NewDevice device) {
            return new Row(number, device, null);
        }
    }

    /** The downloadable template: the header line only. */
    public static String template() {
        return String.join(",", HEADER) + "\r\n";
    }

    public static List<Row> parse(byte[] body) {
        return parse(utf8(body));
    }

    public static List<Row> parse(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String[]> records = records(text);
        while (!records.isEmpty() && isBlankLine(records.get(records.size() - 1))) {
            records.remove(records.size() - 1);
        }
        if (records.isEmpty()) {
            throw malformed("the file is empty; expected the header line " + String.join(",", HEADER)
                    + " and one device per line");
        }
        checkHeader(records.get(0));
        int rows = records.size() - 1;
        if (rows > MAX_ROWS) {
            throw tooManyRows(rows);
        }
        List<Row> result = new ArrayList<>(rows);
        for (int i = 1; i < records.size(); i++) {
            result.add(row(i, records.get(i)));
        }
        return result;
    }

    public static ApiException tooManyRows(int rows) {
        return new ApiException(413, "too_many_rows", "the upload has " + rows + " rows; at most " + MAX_ROWS
                + " devices can be added at a time, so split it into several uploads (nothing was added)");
    }

    private static Row row(int number, String[] fields) {
        String[] stripped = Arrays.stream(fields).map(String::strip).toArray(String[]::new);
        if (Arrays.stream(stripped).allMatch(String::isEmpty)) {
            return new Row(number, null, "empty row");
        }
        for (int i = HEADER.size(); i < stripped.length; i++) {
            if (!stripped[i].isEmpty()) {
                return new Row(number, null, "the row has " + stripped.length + " fields; expected "
                        + HEADER.size() + " (" + String.join(", ", HEADER) + ")");
            }
        }
        return Row.of(number, new NewDevice(stripped[0], stripped.length > 1 ? stripped[1] : ""));
    }

    private static void checkHeader(String[] header) {
        List<String> names = Arrays.stream(header).map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        List<String> expected = HEADER.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        if (!names.equals(expected)) {
            String found = String.join(",", header);
            throw malformed("the first line must be the header " + String.join(",", HEADER) + " (as in "
                    + FILE_NAME + "); found \"" + (found.length() > 80 ? found.substring(0, 80) + "…" : found) + "\"");
        }
    }

    private static List<String[]> records(String text) {
        List<String[]> records = new ArrayList<>();
        try (MappingIterator<String[]> it = READER.readValues(text)) {
            while (it.hasNext()) {
                records.add(it.next());
            }
        } catch (RuntimeJsonMappingException e) {
            throw malformed("the file is not valid CSV: " + firstLine(e.getMessage()) + where(e.getCause()));
        } catch (JsonProcessingException e) {
            throw malformed("the file is not valid CSV: " + firstLine(e.getOriginalMessage())
                    + " at line " + e.getLocation().getLineNr());
        } catch (IOException e) {
            throw malformed("the file could not be read as CSV");
        }
        return records;
    }

    private static String where(Throwable cause) {
        return cause instanceof JsonProcessingException p && p.getLocation() != null
                ? " at line " + p.getLocation().getLineNr() : "";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static boolean isBlankLine(String[] record) {
        return record.length == 1 && record[0].isBlank();
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("the file is not UTF-8 text; save it as \"CSV UTF-8\"");
        }
    }

    private static ApiException malformed(String message) {
        return ApiException.badRequest("malformed_csv", message);
    }
}
