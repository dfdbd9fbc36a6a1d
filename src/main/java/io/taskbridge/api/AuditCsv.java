package io.taskbridge.api;

import io.taskbridge.audit.AuditEntry;
import java.util.List;

/**
 * The audit trail as CSV (RFC 4180): a header row, CRLF line ends, a cell quoted when it holds a
 * comma, a quote, a line break or blanks at its ends, its quotes doubled. A cell a spreadsheet would
 * run as a formula (starting with {@code = + - @}, a tab or a carriage return) gets a leading
 * {@code '} first, so opening an export never runs what someone typed into a title or a comment.
 */
final class AuditCsv {
    static final String HEADER = "id,at,workspace,task_id,actor,action,details,source";

    private AuditCsv() {}

    static String write(List<AuditEntry> entries) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (AuditEntry e : entries) {
            out.append(e.id()).append(',')
                    .append(cell(e.at().toString())).append(',')
                    .append(cell(e.workspace().value())).append(',')
                    .append(e.taskId()).append(',')
                    .append(cell(e.actor())).append(',')
                    .append(cell(e.action().word())).append(',')
                    .append(cell(e.details())).append(',')
                    .append(cell(e.source().word())).append("\r\n");
        }
        return out.toString();
    }

    /** One cell: defused against formulas, then quoted if it needs to be. */
    static String cell(String raw) {
        String value = !raw.isEmpty() && "=+-@\t\r".indexOf(raw.charAt(0)) >= 0 ? "'" + raw : raw;
        boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")
                || (!value.isEmpty() && (Character.isWhitespace(value.charAt(0))
                        || Character.isWhitespace(value.charAt(value.length() - 1))));
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
