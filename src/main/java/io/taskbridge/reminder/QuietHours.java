package io.taskbridge.reminder;

import io.taskbridge.outbox.QuietTime;
import io.taskbridge.platform.WorkspaceId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The hours in which nobody gets a reminder DM, in each person's own zone: from {@code start} to
 * {@code end}, across midnight when {@code end} is earlier (22:00–08:00). Equal times mean none.
 */
public record QuietHours(LocalTime start, LocalTime end) {
    public static final QuietHours DEFAULT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0));

    /** Reads "22:00-08:00"; "off" means no quiet hours. */
    public static QuietHours parse(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("off") || t.equalsIgnoreCase("none")) {
            return new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
        }
        String[] parts = t.split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("quiet hours must look like 22:00-08:00, or be off");
        }
        return new QuietHours(LocalTime.parse(pad(parts[0].strip())), LocalTime.parse(pad(parts[1].strip())));
    }

    private static String pad(String hhmm) {
        return hhmm.length() == 4 ? "0" + hhmm : hhmm;
    }

    public boolean none() {
        return start.equals(end);
    }

    /** When the quiet hours around {@code now} end in {@code zone}, or empty when {@code now} is not in them. */
    public Optional<Instant> until(Instant now, ZoneId zone) {
        if (none()) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        LocalDate day = local.toLocalDate();
        boolean overnight = end.isBefore(start);
        boolean quiet = overnight ? !time.isBefore(start) || time.isBefore(end)
                : !time.isBefore(start) && time.isBefore(end);
        if (!quiet) {
            return Optional.empty();
        }
        LocalDate endDay = overnight && !time.isBefore(start) ? day.plusDays(1) : day;
        return Optional.of(ZonedDateTime.of(endDay, end, zone).toInstant());
    }

    /** As a {@link QuietTime} for Slack users, each in the zone {@code zoneOf} gives (a person of a workspace). */
    public QuietTime forUsers(BiFunction<WorkspaceId, String, ZoneId> zoneOf) {
        return (workspace, user, now) -> until(now, zoneOf.apply(workspace, user));
    }
}
