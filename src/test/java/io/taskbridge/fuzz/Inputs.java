package io.taskbridge.fuzz;

import java.time.ZoneId;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Generators of hostile and ordinary input: grammar words, dates, Slack escapes, control characters, lone surrogates. */
final class Inputs {
    private Inputs() {}

    /** Characters that have broken parsers before: controls, escapes, quotes, mrkdwn, surrogates, odd spaces. */
    static Arbitrary<String> nasty() {
        return Arbitraries.strings()
                .withChars("\u0000\u0001\u001b\u007f\u009b\t\n\r\u00a0\u2028\u202e\ud800\udc00 &<>\"'“”*_~`|#!@:/+-.")
                .ofMaxLength(6);
    }

    static Arbitrary<String> anyText(int max) {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(max), Arbitraries.strings().all().ofMaxLength(max),
                nasty());
    }

    static Arbitrary<String> commandWord() {
        return Arbitraries.oneOf(
                Arbitraries.of("add", "list", "show", "start", "done", "cancel", "assign", "due", "digest", "review",
                        "help", "approvals", "connect", "link", "subscribe", "unsubscribe", "subscriptions", "then",
                        "all", "remind", "overdue", "none", "off", "rename", "workiva", "awork", "taskapi", "builtin"),
                Arbitraries.of("#tag", "#a&amp;b", "#", "!high", "!!", "!!!", "!low", "!bogus", "<@UALICE|alice>",
                        "<@UBOB>", "<@W1>", "<#C1|general>", "<#C1>", "<!here>", "<https://x.test|x>", "\"quoted",
                        "\"a b\"", "“smart”", "42", "#42", "0", "-1", "99999999999999999999", "24h", "90m", "1h30m",
                        "1d", "0m", "1e309", "NaN", "status:review", "assignee:@bob", "title:\"x\""),
                duePhrase(),
                anyText(12),
                nasty());
    }

    static Arbitrary<String> commandText() {
        return commandWord().list().ofMaxSize(12).map(words -> String.join(" ", words));
    }

    static Arbitrary<String> duePhrase() {
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.of("tomorrow", "today", "tonight", "5pm", "13pm", "0pm", "12am", "5 pm", "17:30", "25:00",
                        "noon", "friday", "next", "monday", "in", "3", "days", "hours", "minutes", "eod", "eow",
                        "end of week", "2026-12-01", "9999-12-31", "0000-01-01", "+10000-01-01", "1969-12-31",
                        "12/1", "1/13/2027", "31/12", "dec", "1st", "of", "december", "2027", "at", "by", "on", "the",
                        "a", "week", "month", "year", "ago", "last", "99999", "-3", "1e9"),
                Arbitraries.integers().between(-100, 100_000).map(String::valueOf),
                anyText(8));
        return word.list().ofMaxSize(6).map(words -> String.join(" ", words));
    }

    static Arbitrary<ZoneId> zone() {
        return Arbitraries.of(List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Pacific/Kiritimati",
                "Pacific/Pago_Pago", "Asia/Kathmandu", "America/St_Johns", "Australia/Lord_Howe")).map(ZoneId::of);
    }

    /** A JSON value of any kind, as text: numbers out of every range, odd dates, nested things. */
    static Arbitrary<String> jsonValue() {
        return Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "0", "-0", "1e309", "-1e309", "1E-400", "123456789012345678901234567890",
                        "24", "1.5", "-1", "8760", "8761", "0.0001", "[]", "{}", "[\"a\"]", "[1,2]", "{\"a\":1}",
                        "\"\"", "\"TODO\"", "\"DONE\"", "\"HIGH\"", "\"urgent\"", "\"2999-01-01T00:00:00Z\"",
                        "\"+999999999-12-31T23:59:59Z\"", "\"-999999999-01-01T00:00:00Z\"", "\"+10000-01-01T00:00:00Z\"",
                        "\"9999-12-31T23:59:59Z\"", "\"9999-12-31T23:59:59-14:00\"", "\"1970-01-01T00:00:00Z\"",
                        "\"2027-02-30T00:00:00Z\"", "\"2027-01-01\"", "\"C0123456789\"", "\"#general\"", "\"U123\""),
                Arbitraries.doubles().map(d -> Double.isFinite(d) ? Double.toString(d) : "0"),
                Arbitraries.longs().map(String::valueOf),
                anyText(20).map(Inputs::quoted),
                anyText(8).list().ofMaxSize(12).map(l -> "[" + String.join(",", l.stream().map(Inputs::quoted).toList()) + "]"));
    }

    /** A JSON object whose fields are task fields (and some others) with any values. */
    static Arbitrary<String> taskBody() {
        Arbitrary<String> name = Arbitraries.oneOf(
                Arbitraries.of("title", "description", "status", "priority", "assigneeId", "dueDate", "warningOffset",
                        "tags", "channel", "id", "createdAt"),
                anyText(6));
        Arbitrary<String> field = net.jqwik.api.Combinators.combine(name, jsonValue()).as((n, v) -> quoted(n) + ":" + v);
        return field.list().ofMaxSize(9).map(fields -> "{" + String.join(",", fields) + "}");
    }

    /** {@code s} as a JSON string literal (lone surrogates escaped as \\uXXXX, as a client might send them). */
    static String quoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
