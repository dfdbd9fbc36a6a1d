package io.taskbridge.command;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ocpsoft.prettytime.nlp.PrettyTimeParser;
import org.ocpsoft.prettytime.nlp.parse.DateGroup;

/**
 * Turns the words after {@code due} into a moment in the person's own time zone.
 *
 * <p>The common phrases ({@code friday 5pm}, {@code tomorrow at 9}, {@code in 3 days}, {@code dec
 * 1st}) are read by {@link CommonDuePhrases}, exactly as prettytime-nlp reads them; everything else
 * by prettytime-nlp. These rules are ours and are applied on top of either reading:
 *
 * <ul>
 *   <li>{@code now} carries the person's zone; every answer is a {@link ZonedDateTime} in that
 *       zone. The JVM's default zone is never read or changed.
 *   <li>A date without a time of day means 17:00 local, the end of the working day
 *       ({@code tomorrow}, {@code monday}, {@code 2026-12-01}, {@code 1 Dec}, {@code in 3 days},
 *       {@code next week}).
 *   <li>{@code eod} (or {@code end of day}, or {@code today} alone) is today 17:00, or today
 *       23:59 once 17:00 has passed. {@code eow} ({@code end of week}) is this Friday 17:00; on a
 *       Friday after 17:00 it is 23:59 that day, at the weekend it is next Friday 17:00.
 *   <li>A time alone ({@code 5pm}, {@code 17:30}) that has already passed today means tomorrow at
 *       that time.
 *   <li>A weekday name means its next occurrence after today: said on a Friday, {@code friday}
 *       is a week later ({@code next monday} is the coming Monday, like {@code monday}).
 *   <li>Amounts of hours or minutes ({@code in 2 hours}, {@code in 45 minutes}) are exact from
 *       now; larger amounts ({@code in 3 days}) land on that day at 17:00. Seconds are dropped:
 *       {@code now} is taken to the minute.
 *   <li>Numeric dates with a slash are read month first or day first only when the numbers
 *       leave no doubt ({@code 12/25} and {@code 25/12} are both 25 December); {@code 12/1} could
 *       be either, so it is refused with a hint to write {@code 1 Dec} or {@code 2026-12-01}.
 *   <li>A local time that does not exist because clocks jump forward (02:30 on the night summer
 *       time starts in Europe) moves forward by the length of the gap (03:30), as
 *       {@link ZonedDateTime#of} does; a time that happens twice when clocks go back takes the
 *       earlier (summer-time) offset.
 *   <li>Anything not fully understood is {@link Parsed.Unreadable}, never a guess: unknown words
 *       ({@code friday blah}), two dates, a day that does not exist ({@code feb 30}), a moment in
 *       the past.
 * </ul>
 *
 * <p>Words like {@code by}, {@code on}, {@code at} around a date are fine ({@code by friday});
 * phrases longer than 100 characters are refused unread.
 *
 * <p>Safe for concurrent use: the class holds no state, and each call that needs prettytime
 * builds its own parser. Measured warm on this machine (CPU time per call, two cores shared with
 * other work): a common phrase takes 0.4 to 3 µs ({@code 5pm} 0.4, {@code friday 5pm} 1.2,
 * {@code tomorrow 9am} 3.2, {@code 2026-12-01 17:00} 2.5); a phrase left to prettytime takes
 * what it did before, 1.0 to 2.0 ms (a parser built for the call and two or three parses), plus
 * a microsecond or two for the fast path to decline. Sharing a parser under a lock would save
 * little and serialise callers.
 */
public final class DueDates {

    /** The outcome of reading a due-date phrase. */
    public sealed interface Parsed {

        /** The phrase was understood: the moment it names, in the person's zone. */
        record At(ZonedDateTime when) implements Parsed {}

        /** The phrase was not understood; {@code problem} says why, for the person who typed it. */
        record Unreadable(String problem) implements Parsed {}
    }

    /** End of the working day: what a date without a time of day means. */
    public static final LocalTime END_OF_WORKING_DAY = LocalTime.of(17, 0);

    private static final LocalTime END_OF_DAY = LocalTime.of(23, 59);

    /** Longer than any date anyone types; the library's cost grows with the length. */
    private static final int LONGEST_PHRASE = 100;

    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");
    private static final Pattern CLOSING_PUNCTUATION = Pattern.compile("[.!?]+$");
    private static final Pattern SLASH_DATE =
            Pattern.compile("(?<![\\d/])(\\d{1,2})/(\\d{1,2})(?:/(\\d{4}|\\d{2}))?(?![\\d/])");
    private static final Pattern SMALL_UNITS =
            Pattern.compile("\\b(hours?|hrs?|minutes?|mins?|seconds?|secs?)\\b");
    private static final String WEEKDAY_NAME =
            "\\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|sday|nesday|rsday|urday)?\\b";
    private static final Pattern WEEKDAY = Pattern.compile(WEEKDAY_NAME);
    private static final Pattern NEXT_BEFORE_WEEKDAY = Pattern.compile("\\bnext (?=" + WEEKDAY_NAME + ")");
    /** An hour with am or pm ({@code 5pm}, {@code 13pm}, {@code 0:30 am}). */
    private static final Pattern HALF_DAY_HOUR = Pattern.compile("(?<![\\d:])(\\d{1,2})(?::\\d{2})? ?(am|pm)\\b");
    /** A year-month-day date with any number of year digits, so the year typed is the year named. */
    private static final Pattern YEAR_FIRST = Pattern.compile("(?<![\\d-])\\+?(\\d{4,})-\\d{1,2}-\\d{1,2}(?![\\d-])");
    private static final Pattern TODAY_WORDS = Pattern.compile("\\b(today|tonight)\\b");

    /** Words that carry no date of their own and may surround one ("by friday", "on monday"). */
    private static final Set<String> FILLERS = Set.of("on", "at", "by", "before", "the", "of", "due");


    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH);

    private DueDates() {}

    /**
     * Reads {@code phrase} (the words after {@code due}) relative to {@code now}, whose zone is the
     * person's. Never throws; a null or blank phrase is {@link Parsed.Unreadable}.
     */
    public static Parsed parse(String phrase, ZonedDateTime now) {
        if (now == null) {
            throw new IllegalArgumentException("now is required: it carries the person's time zone");
        }
        String typed = phrase == null ? "" : SPACES.matcher(phrase).replaceAll(" ").strip();
        if (typed.isEmpty()) {
            return new Parsed.Unreadable("No due date given. " + tryLine(now));
        }
        if (typed.length() > LONGEST_PHRASE) {
            return new Parsed.Unreadable("That due date is too long to be one date (" + typed.length()
                    + " characters). " + tryLine(now));
        }
        try {
            return readFast(typed, now).orElseGet(() -> readSlow(typed, now));
        } catch (RuntimeException | AssertionError e) {
            // The library can fail on odd input (natty, inside prettytime, even trips its own
            // assertions on a year such as 9999 when they are on); a person gets an answer, not a stack trace.
            return unreadable(typed, now);
        }
    }

    /** What a reader made of the words, before our rules are applied. */
    sealed interface Reading {

        /** An amount of hours or minutes from now: exact, whatever the wall clock does meanwhile. */
        record Exact(ZonedDateTime when) implements Reading {}

        /** A day, and the time of day if the words named one (to the minute). */
        record OnDay(LocalDate date, Optional<LocalTime> time) implements Reading {}
    }

    /** The words, lower-cased and with slash dates spelled out, or the answer if that settled it. */
    private sealed interface Prepared {

        record Answered(Parsed answer) implements Prepared {}

        record Words(String text) implements Prepared {}
    }

    /**
     * Reads {@code typed} (spaces already tidied) with our own reader of the common phrases; empty
     * when they are not one of those, or the reader is not sure.
     */
    static Optional<Parsed> readFast(String typed, ZonedDateTime now) {
        Prepared prepared = prepare(typed, now);
        if (prepared instanceof Prepared.Answered answered) {
            return Optional.of(answered.answer());
        }
        String text = ((Prepared.Words) prepared).text();
        return CommonDuePhrases.read(text, now.truncatedTo(ChronoUnit.MINUTES))
                .map(reading -> apply(reading, text, typed, now));
    }

    /** Reads {@code typed} (spaces already tidied) with prettytime: the path for everything. */
    static Parsed readSlow(String typed, ZonedDateTime now) {
        Prepared prepared = prepare(typed, now);
        if (prepared instanceof Prepared.Answered answered) {
            return answered.answer();
        }
        String text = ((Prepared.Words) prepared).text();
        ZonedDateTime ref = now.truncatedTo(ChronoUnit.MINUTES);

        ZoneId zone = now.getZone();
        PrettyTimeParser parser = new PrettyTimeParser(TimeZone.getTimeZone(zone));
        List<Date> dates = parser.parse(text, Date.from(ref.toInstant()));
        if (dates.isEmpty()) {
            return unreadable(typed, now);
        }
        if (dates.size() > 1) {
            return new Parsed.Unreadable("“" + typed + "” names more than one date: give just one. "
                    + tryLine(now));
        }
        String leftover = leftover(text, parser.parseSyntax(text));
        if (!leftover.isEmpty()) {
            return new Parsed.Unreadable("Couldn't read a due date from “" + typed + "”: I don't know what “"
                    + leftover + "” means there. " + tryLine(now));
        }

        ZonedDateTime read = dates.get(0).toInstant().atZone(zone);
        if (SMALL_UNITS.matcher(text).find()) {
            return apply(new Reading.Exact(read), text, typed, now);
        }
        // The library fills a missing time of day from the reference; moving the reference by a
        // second tells us whether it did.
        Date shifted = parser.parse(text, Date.from(ref.plusSeconds(1).toInstant())).get(0);
        boolean timeGiven = shifted.toInstant().equals(read.toInstant());
        LocalDateTime local = read.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES);
        Optional<LocalTime> time = timeGiven ? Optional.of(local.toLocalTime()) : Optional.empty();
        return apply(new Reading.OnDay(local.toLocalDate(), time), text, typed, now);
    }

    /**
     * The words that settle the answer before any reading ({@code eod}, {@code eow}, a slash date
     * that could be either order), or else the text a reader gets: lower case, no closing
     * punctuation, no {@code next} before a weekday, slash dates and number words spelled the
     * library's way.
     */
    private static Prepared prepare(String typed, ZonedDateTime now) {
        String text = CLOSING_PUNCTUATION.matcher(typed.toLowerCase(Locale.ROOT)).replaceAll("");
        ZonedDateTime ref = now.truncatedTo(ChronoUnit.MINUTES);

        Optional<Parsed> outOfBounds = outOfBounds(text, typed, now);
        if (outOfBounds.isPresent()) {
            return new Prepared.Answered(outOfBounds.get());
        }
        switch (text) {
            case "eod", "end of day", "end of the day", "today" -> {
                return new Prepared.Answered(new Parsed.At(endOfDay(ref)));
            }
            case "eow", "end of week", "end of the week" -> {
                return new Prepared.Answered(new Parsed.At(endOfWeek(ref)));
            }
            default -> { /* read below */ }
        }

        if (text.contains("next ")) {
            // "next monday" is the coming Monday, like "monday". prettytime reads it as the Monday of
            // next week, where weeks start on the JVM default locale's first day: said on a Sunday,
            // "next saturday" was 13 days later (6 with a German default locale).
            text = NEXT_BEFORE_WEEKDAY.matcher(text).replaceAll("");
        }
        if (text.indexOf('/') >= 0) {
            StringBuilder rewritten = new StringBuilder();
            Matcher slash = SLASH_DATE.matcher(text);
            while (slash.find()) {
                String spelled = DateSpelling.spellSlashDate(slash);
                if (spelled == null) {
                    return new Prepared.Answered(new Parsed.Unreadable("“" + typed
                            + "” could be read month first or day first. "
                            + "Write the month as a word or use year-month-day, e.g. due 1 Dec or due "
                            + isoExample(now) + "."));
                }
                if (spelled.isEmpty()) {
                    return new Prepared.Answered(unreadable(typed, now));
                }
                slash.appendReplacement(rewritten, spelled);
            }
            slash.appendTail(rewritten);
            text = rewritten.toString();
        }
        return new Prepared.Words(DateSpelling.spellNumbers(text));
    }

    /**
     * A refusal for words no reader should guess at: an hour of 0 or over 12 with am or pm
     * ({@code 13pm} is not 13:00), and a year outside 1970 to 9999 (a reader would otherwise take
     * {@code 0000-01-01} for the year 2000).
     */
    private static Optional<Parsed> outOfBounds(String text, String typed, ZonedDateTime now) {
        Matcher hour = HALF_DAY_HOUR.matcher(text);
        while (hour.find()) {
            int h = Integer.parseInt(hour.group(1));
            if (h < 1 || h > 12) {
                return Optional.of(new Parsed.Unreadable("“" + hour.group() + "” is not a time: with am or pm the hour is 1 to 12 "
                        + "(1pm, or 13:00 without pm). " + tryLine(now)));
            }
        }
        Matcher date = YEAR_FIRST.matcher(text);
        while (date.find()) {
            String year = date.group(1).replaceFirst("^0+(?=\\d)", "");
            if (year.length() > 4 || Integer.parseInt(year) < DueWords.EARLIEST_YEAR || Integer.parseInt(year) > DueWords.LATEST_YEAR) {
                return Optional.of(new Parsed.Unreadable("“" + typed + "” is in the year " + year + ": a due date must fall in the years "
                        + DueWords.EARLIEST_YEAR + " to " + DueWords.LATEST_YEAR + ". " + tryLine(now)));
            }
        }
        return Optional.empty();
    }

    /** Our rules, on top of what a reader made of {@code text}. */
    private static Parsed apply(Reading reading, String text, String typed, ZonedDateTime now) {
        if (reading instanceof Reading.Exact exact) {
            return notPast(exact.when(), typed, now);
        }
        Reading.OnDay onDay = (Reading.OnDay) reading;
        boolean timeGiven = onDay.time().isPresent();
        LocalDateTime local = onDay.date().atTime(onDay.time().orElse(END_OF_WORKING_DAY));
        if (!DateSpelling.dayExists(text, local.toLocalDate())) {
            return new Parsed.Unreadable("“" + typed + "” is not a day in the calendar. " + tryLine(now));
        }
        ZoneId zone = now.getZone();
        ZonedDateTime when = ZonedDateTime.ofLocal(local, zone, null);
        if (!when.isAfter(now) && timeGiven && when.toLocalDate().equals(now.toLocalDate())
                && !TODAY_WORDS.matcher(text).find() && !WEEKDAY.matcher(text).find()) {
            when = ZonedDateTime.ofLocal(local.plusDays(1), zone, null);
        }
        return notPast(when, typed, now);
    }

    private static Parsed notPast(ZonedDateTime when, String typed, ZonedDateTime now) {
        if (!when.isAfter(now)) {
            return new Parsed.Unreadable("“" + typed + "” is in the past (" + SHOWN.format(when)
                    + "). " + tryLine(now));
        }
        return new Parsed.At(when);
    }

    private static ZonedDateTime endOfDay(ZonedDateTime ref) {
        ZonedDateTime workday = atLocal(ref.toLocalDate(), END_OF_WORKING_DAY, ref.getZone());
        return ref.isBefore(workday) ? workday : atLocal(ref.toLocalDate(), END_OF_DAY, ref.getZone());
    }

    private static ZonedDateTime endOfWeek(ZonedDateTime ref) {
        DayOfWeek today = ref.getDayOfWeek();
        if (today == DayOfWeek.FRIDAY) {
            return endOfDay(ref);
        }
        LocalDate friday = ref.toLocalDate().with(TemporalAdjusters.next(DayOfWeek.FRIDAY));
        return atLocal(friday, END_OF_WORKING_DAY, ref.getZone());
    }

    private static ZonedDateTime atLocal(LocalDate date, LocalTime time, ZoneId zone) {
        return ZonedDateTime.ofLocal(date.atTime(time), zone, null);
    }

    /** The words of {@code text} that no recognised date covers, apart from harmless fillers. */
    private static String leftover(String text, List<DateGroup> groups) {
        Set<String> covered = new HashSet<>();
        for (DateGroup group : groups) {
            for (String word : group.getText().toLowerCase(Locale.ROOT).split(" ")) {
                covered.add(word);
            }
        }
        List<String> unknown = new ArrayList<>();
        for (String word : text.split(" ")) {
            if (!word.isEmpty() && !covered.contains(word) && !FILLERS.contains(word)) {
                unknown.add(word);
            }
        }
        return String.join(" ", unknown);
    }

    private static Parsed unreadable(String typed, ZonedDateTime now) {
        return new Parsed.Unreadable("Couldn't read a due date from “" + typed + "”. " + tryLine(now));
    }

    private static String tryLine(ZonedDateTime now) {
        return "Try: due friday 5pm, due tomorrow, due " + isoExample(now) + " 17:00.";
    }

    /** A real future date for examples: the 1st of the month after next. */
    private static String isoExample(ZonedDateTime now) {
        return now.toLocalDate().plusMonths(2).withDayOfMonth(1).toString();
    }
}
