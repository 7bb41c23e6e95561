package dialtone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dialtone.core.failure.FailureCategory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a chaos run did, counted from what it left on disk: the run plan, the results, the faults
 * it injected ({@link ChaosInjector}), the defects it planted and the recovery ladder's log
 * ({@code reports/recovery.jsonl}, one JSON object per line: time, device, rung, cause, outcome, millis).
 *
 * @param faultsRecovered   injected faults whose test ended without an infrastructure failure: passed,
 *                          not applicable, or any verdict but infrastructure on a phone with a planted defect
 * @param absorbed          of those, faults whose test passed without a retry (the step carried on)
 * @param recoveredByRung   recoveries by rung from the recovery log, or, without one, the infrastructure
 *                          retries that passed under "retry after reconnect"
 * @param infraAsProductDefects final results in Product defects on a phone without a planted defect whose test had an injected fault
 * @param plantedCaught     planted defects with at least one test of their phone in Product defects
 * @param absorbedInStages  recovery-log climbs made inside a flow stage (its {@code stage} field) that brought the
 *                          phone back, so the stage ran again instead of the test failing; by rung in the other map
 */
record ChaosTally(int tests, int faultsInjected, Map<String, Long> faultsByType, long faultsRecovered, long absorbed,
                  Map<String, Long> recoveredByRung, boolean recoveryLogged, long quarantined, long resultsLost,
                  long infraAsProductDefects, Map<String, Long> productDefectsOfPlanted, Map<String, String> planted,
                  long absorbedInStages, Map<String, Long> absorbedInStagesByRung) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String RETRY_RUNG = "retry after reconnect";

    static Path recoveryLog(Path reports) { return reports.resolve("recovery.jsonl"); }

    int plantedCaught() {
        return (int) planted.keySet().stream().filter(d -> productDefectsOfPlanted.getOrDefault(d, 0L) > 0).count();
    }

    static ChaosTally count(RunPlan plan, Path results, List<ChaosInjector.Injection> injections, Map<String, String> planted, Path recoveryLog) {
        Map<String, JsonNode> finals = new HashMap<>();
        Set<String> retried = new HashSet<>();
        for (JsonNode r : RunPlan.wholeResults(results)) {
            Optional<String> key = RunPlan.keyOf(r);
            if (key.isEmpty()) continue;
            if (RunPlan.retried(r)) {
                retried.add(key.get());
            } else {
                finals.merge(key.get(), r, (a, b) -> a.path("stop").asLong() >= b.path("stop").asLong() ? a : b);
            }
        }
        Map<String, Long> byType = new TreeMap<>();
        long recovered = 0, absorbed = 0;
        Set<String> faulted = new HashSet<>();
        for (ChaosInjector.Injection i : injections) {
            byType.merge(i.fault(), 1L, Long::sum);
            String key = key(i.test(), i.device());
            faulted.add(key);
            Optional<FailureCategory> c = Optional.ofNullable(finals.get(key)).flatMap(ChaosTally::category);
            boolean finished = finals.containsKey(key);
            // on a phone with a planted defect, a verdict other than infrastructure is the defect's, not the fault's
            if (finished && (c.isEmpty() || c.get() == FailureCategory.NOT_APPLICABLE
                    || (c.get() != FailureCategory.INFRASTRUCTURE && planted.containsKey(i.device())))) {
                recovered++;
                if (c.isEmpty() && !retried.contains(key)) absorbed++;
            }
        }
        long infraAsProduct = 0;
        Map<String, Long> plantedProduct = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : finals.entrySet()) {
            if (category(e.getValue()).orElse(null) != FailureCategory.PRODUCT_DEFECT) continue;
            String device = RunPlan.label(e.getValue(), ResultLabels.DEVICE);
            if (planted.containsKey(device)) {
                plantedProduct.merge(device, 1L, Long::sum);
            } else if (faulted.contains(e.getKey())) {
                infraAsProduct++;
            }
        }
        Map<String, Long> byRung = new TreeMap<>();
        Map<String, Long> inStages = new TreeMap<>();
        Set<String> quarantined = new HashSet<>();
        boolean logged = Files.isRegularFile(recoveryLog);
        if (logged) {
            for (JsonNode line : lines(recoveryLog)) {
                String outcome = line.path("outcome").asText();
                if (outcome.equals("recovered")) byRung.merge(line.path("rung").asText("?"), 1L, Long::sum);
                if (outcome.equals("recovered") && line.hasNonNull("stage")) inStages.merge(line.path("rung").asText("?"), 1L, Long::sum);
                if (outcome.equals("quarantined") || line.path("rung").asText().equals("quarantine")) quarantined.add(line.path("device").asText());
            }
        } else {
            long retriedAndPassed = retried.stream().filter(k -> finals.containsKey(k) && category(finals.get(k)).isEmpty()).count();
            if (retriedAndPassed > 0) byRung.put(RETRY_RUNG, retriedAndPassed);
        }
        return new ChaosTally(plan.tests().size(), injections.size(), byType, recovered, absorbed, byRung, logged, quarantined.size(),
                plan.lost(results), infraAsProduct, plantedProduct, Map.copyOf(planted),
                inStages.values().stream().mapToLong(Long::longValue).sum(), inStages);
    }

    private static String key(String qualifiedTest, String device) {
        int dot = qualifiedTest.lastIndexOf('.');
        return RunPlan.PlannedTest.key(qualifiedTest.substring(0, dot), qualifiedTest.substring(dot + 1), device);
    }

    /** The failure category of a result as the report files it (empty: passed). */
    static Optional<FailureCategory> category(JsonNode result) {
        String status = result.path("status").asText();
        if (status.equals("passed")) return Optional.empty();
        String trace = result.path("statusDetails").path("trace").asText("") + result.path("statusDetails").path("message").asText("");
        for (FailureCategory c : FailureCategory.values()) {
            if (trace.contains(c.marker())) return Optional.of(c);
        }
        if (status.equals("skipped")) {
            return Optional.of(result.path("statusDetails").path("message").asText("").startsWith("not applicable")
                    ? FailureCategory.NOT_APPLICABLE : FailureCategory.TEST_DEFECT);
        }
        // Allure's own fallbacks under the same names: failed → Product defects, broken → Test defects
        return Optional.of(status.equals("failed") ? FailureCategory.PRODUCT_DEFECT : FailureCategory.TEST_DEFECT);
    }

    /** The closing table of a chaos run. */
    String table() {
        StringBuilder sb = new StringBuilder();
        row(sb, "tests planned", String.valueOf(tests));
        row(sb, "faults injected", faultsInjected + (faultsByType.isEmpty() ? "" : "  (" + faultsByType.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")"));
        row(sb, "recovered without a person", faultsRecovered + " of " + faultsInjected + " (" + percent(faultsRecovered, faultsInjected)
                + "); " + absorbed + " absorbed by the step itself");
        row(sb, "recovered by rung", (byRung().isEmpty() ? "none" : byRung())
                + (recoveryLogged ? "" : "  (no recovery.jsonl: the recovery ladder did not log; only infrastructure retries that passed are counted)"));
        row(sb, "absorbed at the stage level", absorbedInStages + (absorbedInStages == 0 ? "" : "  (" + absorbedInStagesByRung.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")")
                + "  (climbs inside a stage after which the stage ran again; included in recovered by rung)");
        row(sb, "quarantined", quarantined + (recoveryLogged ? "" : "  (no recovery.jsonl)"));
        row(sb, "results lost", resultsLost + "  (planned tests without a finished result on disk)");
        row(sb, "infra faults reported as product defects", String.valueOf(infraAsProductDefects));
        row(sb, "planted defects caught", plantedCaught() + " of " + planted.size() + (planted.isEmpty() ? "" : "  (" + new TreeMap<>(planted).entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue() + ": " + productDefectsOfPlanted.getOrDefault(e.getKey(), 0L) + " test(s) in Product defects")
                .collect(Collectors.joining("; ")) + ")"));
        return sb.toString();
    }

    private String byRung() {
        return recoveredByRung.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static void row(StringBuilder sb, String name, String value) {
        sb.append(String.format(Locale.ROOT, "  %-42s %s%n", name, value));
    }

    static String percent(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    private static List<JsonNode> lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> !l.isBlank()).map(l -> {
                try {
                    return JSON.readTree(l);
                } catch (IOException e) {
                    throw new IllegalArgumentException("not a JSON line in " + file + ": " + l, e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
