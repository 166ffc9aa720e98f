package io.signalbox.app.usage;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleConsumer;

/** Writes records as CSV (RFC 4180 quoting), reporting progress from 0 to 1. */
public final class UsageCsv {
    public static final String HEADER = "time,profile,model,input_tokens,output_tokens,cost_usd,failed";

    private UsageCsv() {
    }

    public static void write(List<UsageRecord> records, Path file, DoubleConsumer progress) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER + "\n");
            for (int i = 0; i < records.size(); i++) {
                UsageRecord r = records.get(i);
                w.write(String.join(",", r.at().toString(), quote(r.profile()), quote(r.model()), num(r.inputTokens()),
                        num(r.outputTokens()), r.cost() == null ? "" : r.cost().toPlainString(),
                        Boolean.toString(r.failed())) + "\n");
                progress.accept((i + 1.0) / records.size());
            }
        }
        progress.accept(1.0);
    }

    private static String num(Long n) {
        return n == null ? "" : n.toString();
    }

    static String quote(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
