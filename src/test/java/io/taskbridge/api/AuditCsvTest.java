package io.taskbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CSV cells: RFC 4180 quoting, and formulas defused before a spreadsheet can run them. */
class AuditCsvTest {

    @Test
    void cellsAreQuotedOnlyWhenTheyNeedToBe() {
        assertThat(AuditCsv.cell("plain words")).isEqualTo("plain words");
        assertThat(AuditCsv.cell("")).isEqualTo("");
        assertThat(AuditCsv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(AuditCsv.cell("cr\rhere")).isEqualTo("\"cr\rhere\"");
        assertThat(AuditCsv.cell(" padded ")).isEqualTo("\" padded \"");
    }

    @Test
    void formulasGetALeadingQuote() {
        assertThat(AuditCsv.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(AuditCsv.cell("+1")).isEqualTo("'+1");
        assertThat(AuditCsv.cell("-2")).isEqualTo("'-2");
        assertThat(AuditCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(AuditCsv.cell("\tx")).isEqualTo("'\tx");
        assertThat(AuditCsv.cell("=HYPERLINK(\"u\",\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"u\"\",\"\"x\"\")\"");
        assertThat(AuditCsv.cell("a=b")).isEqualTo("a=b");
        assertThat(AuditCsv.cell("TODO -> DONE")).isEqualTo("TODO -> DONE");
    }

    @Test
    void csvOrJsonByTheAcceptHeader() {
        assertThat(AuditRoutes.wantsCsv("text/csv")).isTrue();
        assertThat(AuditRoutes.wantsCsv("text/csv, application/json;q=0.5")).isTrue();
        assertThat(AuditRoutes.wantsCsv("application/json, text/csv")).isFalse();
        assertThat(AuditRoutes.wantsCsv("*/*")).isFalse();
        assertThat(AuditRoutes.wantsCsv(null)).isFalse();
    }
}
