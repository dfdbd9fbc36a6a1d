package io.taskbridge.reminder;

import io.taskbridge.platform.Sql;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.task.SlackPlace;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Each channel's daily overdue digest. A channel gets one at 09:00 UTC when its first task with a
 * due date is made; {@code /task digest 9:00 Europe/Berlin} moves it, {@code /task digest off}
 * turns it off for good.
 */
public final class Digests implements DigestSettings {
    private static final Sql SET_IF_ABSENT = Sql.of(DigestDao.SET_IF_ABSENT);
    public static final LocalTime DEFAULT_TIME = LocalTime.of(9, 0);
    public static final ZoneId DEFAULT_ZONE = ZoneOffset.UTC;
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final Jdbi jdbi;
    private final Clock clock;

    public Digests(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public Instant set(WorkspaceId workspace, String teamId, String channelId, LocalTime at, ZoneId zone) {
        Instant now = clock.instant();
        Instant next = next(at, zone, now);
        jdbi.useExtension(DigestDao.class, dao -> dao.set(channelId, teamId, HH_MM.format(at), zone.getId(),
                next.toEpochMilli(), now.toEpochMilli(), workspace.value()));
        return next;
    }

    @Override
    public void off(WorkspaceId workspace, String teamId, String channelId) {
        jdbi.useExtension(DigestDao.class, dao -> dao.set(channelId, teamId, HH_MM.format(DEFAULT_TIME),
                DEFAULT_ZONE.getId(), null, clock.millis(), workspace.value()));
    }

    /** The default digest for {@code place}'s channel, unless the channel has a setting already. */
    void ensure(Handle tx, WorkspaceId workspace, SlackPlace place, Instant now) {
        // A plain statement: every new task with a due date passes here, and attaching DigestDao costs
        // more; deferred, as nothing reads it back before the commit (platform/DeferredRows).
        SET_IF_ABSENT.on(tx).bind("channel", place.channelId()).bind("team", place.teamId())
                .bind("time", HH_MM.format(DEFAULT_TIME)).bind("zone", DEFAULT_ZONE.getId())
                .bind("nextAt", next(DEFAULT_TIME, DEFAULT_ZONE, now).toEpochMilli()).bind("now", now.toEpochMilli())
                .bind("workspace", workspace.value()).defer();
    }

    /** The first {@code at} in {@code zone} strictly after {@code after} (a time skipped by DST moves forward). */
    public static Instant next(LocalTime at, ZoneId zone, Instant after) {
        ZonedDateTime local = after.atZone(zone);
        ZonedDateTime candidate = ZonedDateTime.of(local.toLocalDate(), at, zone);
        if (!candidate.toInstant().isAfter(after)) {
            candidate = ZonedDateTime.of(local.toLocalDate().plusDays(1), at, zone);
        }
        return candidate.toInstant();
    }

    static LocalTime parseTime(String hhmm) {
        return LocalTime.parse(hhmm, HH_MM);
    }
}
