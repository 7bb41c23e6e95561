package dialtone.backend.store.h2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dialtone.backend.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rows in, entities out: the JSON {@code doc} column of every table and the few statements the repositories run. */
final class Documents {
    private final H2Store store;
    private final ObjectMapper json;

    Documents(H2Store store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    String write(Object entity) {
        try {
            return json.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot store a " + entity.getClass().getSimpleName() + " as JSON");
        }
    }

    <T> T read(String doc, Class<T> type) {
        try {
            return json.readValue(doc, type);
        } catch (JsonProcessingException e) {
            // the location only: the document may hold a secret
            throw new StoreException("a stored " + type.getSimpleName() + " cannot be read back (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    /** INSERT, MERGE, DELETE: the number of rows changed. */
    int update(String sql, Object... params) {
        return store.withConnection(operation(sql), c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, params);
                return s.executeUpdate();
            }
        });
    }

    /** A query whose first column is the document. */
    <T> List<T> list(Class<T> type, String sql, Object... params) {
        List<String> docs = store.withConnection(operation(sql), c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, params);
                List<String> found = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
                return found;
            }
        });
        return docs.stream().map(doc -> read(doc, type)).toList();
    }

    /** A query's rows, every column as text (null stays null). */
    List<List<String>> rows(String sql, Object... params) {
        return store.withConnection(operation(sql), c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, params);
                List<List<String>> found = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<String> row = new ArrayList<>(columns);
                        for (int i = 1; i <= columns; i++) {
                            row.add(rs.getString(i));
                        }
                        found.add(row);
                    }
                }
                return found;
            }
        });
    }

    <T> Optional<T> one(Class<T> type, String sql, Object... params) {
        List<T> found = list(type, sql, params);
        if (found.size() > 1) {
            throw new StoreException(operation(sql) + " found " + found.size() + " rows where one was expected");
        }
        return found.stream().findFirst();
    }

    private static void bind(PreparedStatement s, Object... params) throws java.sql.SQLException {
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
    }

    /** "MERGE INTO phones", "SELECT ... FROM tenants": enough to tell which statement failed. */
    private static String operation(String sql) {
        String[] words = sql.strip().split("\\s+");
        for (int i = 0; i < words.length - 1; i++) {
            if (words[i].equalsIgnoreCase("INTO") || words[i].equalsIgnoreCase("FROM")) {
                return words[0].toUpperCase() + " " + words[i + 1];
            }
        }
        return words[0].toUpperCase();
    }
}
