package io.aihub.usage;

import java.util.List;

/** RFC 4180 CSV of a usage report: a header row, then one row per bucket and group. */
final class UsageCsv {

    private UsageCsv() {
    }

    static String write(UsageReport report) {
        StringBuilder out = new StringBuilder();
        List<String> dims = report.groupBy();
        out.append("bucket_start,bucket_end");
        dims.forEach(d -> out.append(',').append(d));
        out.append(",requests,prompt_tokens,cached_tokens,completion_tokens,cost,errors\r\n");
        for (UsageReport.BucketView bucket : report.buckets()) {
            for (UsageReport.Group g : bucket.groups()) {
                out.append(bucket.start()).append(',').append(bucket.end());
                for (String d : dims) {
                    out.append(',').append(field(g.key().get(d)));
                }
                out.append(',').append(g.requests()).append(',').append(g.promptTokens()).append(',')
                        .append(g.cachedTokens()).append(',').append(g.completionTokens()).append(',')
                        .append(g.cost().toPlainString()).append(',').append(g.errors()).append("\r\n");
            }
        }
        return out.toString();
    }

    /**
     * Quotes when needed; a value a spreadsheet would run as a formula (=, +, -, @) gets a leading
     * apostrophe inside the quotes, since end-user ids and model names come from clients.
     */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 || !v.equals(value)) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
