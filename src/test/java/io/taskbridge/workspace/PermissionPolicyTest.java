package io.taskbridge.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The permission policy as tables. Every expected outcome is written out: A allowed, D denied
 * (with a reason), H hidden (answered as "no such task").
 *
 * <p>The task: #7, made by U_CREATOR, assigned to U_ASSIGNEE (or unassigned), in review round asked
 * for by U_ASKER with approvers U_APPROVER, U_ASKER and U_CREATOR (the last two are what the
 * self-approval rule is about), living in conversation C_TASK of the row's kind (NONE: a task made
 * over REST without a channel). The actor asks from C_TASK (SAME), from C_OTHER (OTHER) or from no
 * conversation (NOWHERE). U_ADMIN is an admin and takes no part; U_STRANGER takes no part. In the
 * unassigned column U_ASSIGNEE no longer holds the task.
 */
class PermissionPolicyTest {
    private static final List<TaskAction> SLACK_ORDER = List.of(TaskAction.SEE, TaskAction.START, TaskAction.DONE,
            TaskAction.CANCEL, TaskAction.REDATE, TaskAction.RETITLE, TaskAction.REASSIGN, TaskAction.ASK_REVIEW,
            TaskAction.APPROVE, TaskAction.REJECT);

    private final PermissionPolicy policy = new PermissionPolicy(false);
    private final PermissionPolicy lenient = new PermissionPolicy(true);

    enum Relation {
        CREATOR("U_CREATOR"), ASSIGNEE("U_ASSIGNEE"), APPROVER("U_APPROVER"), ASKER("U_ASKER"),
        ADMIN("U_ADMIN"), STRANGER("U_STRANGER");

        final String userId;

        Relation(String userId) {
            this.userId = userId;
        }

        Actor actor() {
            return new Actor(userId, this == ADMIN);
        }
    }

    //            relation  kind      origin   assigned   unassigned
    //                                         (SEE START DONE CANCEL REDATE RETITLE REASSIGN ASK_REVIEW APPROVE REJECT)
    private static final String SLACK_TABLE = """
            CREATOR   PUBLIC    SAME     AAAAAAAADD AAAAAAAADD
            CREATOR   PUBLIC    OTHER    AAAAAAAADD AAAAAAAADD
            CREATOR   PUBLIC    NOWHERE  AAAAAAAADD AAAAAAAADD
            CREATOR   PRIVATE   SAME     AAAAAAAADD AAAAAAAADD
            CREATOR   PRIVATE   OTHER    AAAAAAAADD AAAAAAAADD
            CREATOR   PRIVATE   NOWHERE  AAAAAAAADD AAAAAAAADD
            CREATOR   DM        SAME     AAAAAAAADD AAAAAAAADD
            CREATOR   DM        OTHER    AAAAAAAADD AAAAAAAADD
            CREATOR   DM        NOWHERE  AAAAAAAADD AAAAAAAADD
            CREATOR   GROUP_DM  SAME     AAAAAAAADD AAAAAAAADD
            CREATOR   GROUP_DM  OTHER    AAAAAAAADD AAAAAAAADD
            CREATOR   GROUP_DM  NOWHERE  AAAAAAAADD AAAAAAAADD
            CREATOR   NONE      OTHER    AAAAAAAADD AAAAAAAADD
            CREATOR   NONE      NOWHERE  AAAAAAAADD AAAAAAAADD
            ASSIGNEE  PUBLIC    SAME     AAAAAAAADD AADDDDDDDD
            ASSIGNEE  PUBLIC    OTHER    AAAAAAAADD ADDDDDDDDD
            ASSIGNEE  PUBLIC    NOWHERE  AAAAAAAADD ADDDDDDDDD
            ASSIGNEE  PRIVATE   SAME     AAAAAAAADD AADDDDDDDD
            ASSIGNEE  PRIVATE   OTHER    AAAAAAAADD HHHHHHHHHH
            ASSIGNEE  PRIVATE   NOWHERE  AAAAAAAADD HHHHHHHHHH
            ASSIGNEE  DM        SAME     AAAAAAAADD AADDDDDDDD
            ASSIGNEE  DM        OTHER    AAAAAAAADD HHHHHHHHHH
            ASSIGNEE  DM        NOWHERE  AAAAAAAADD HHHHHHHHHH
            ASSIGNEE  GROUP_DM  SAME     AAAAAAAADD AADDDDDDDD
            ASSIGNEE  GROUP_DM  OTHER    AAAAAAAADD HHHHHHHHHH
            ASSIGNEE  GROUP_DM  NOWHERE  AAAAAAAADD HHHHHHHHHH
            ASSIGNEE  NONE      OTHER    AAAAAAAADD ADDDDDDDDD
            ASSIGNEE  NONE      NOWHERE  AAAAAAAADD ADDDDDDDDD
            APPROVER  PUBLIC    SAME     ADDDDDDDAA AADDDDDDAA
            APPROVER  PUBLIC    OTHER    ADDDDDDDAA ADDDDDDDAA
            APPROVER  PUBLIC    NOWHERE  ADDDDDDDAA ADDDDDDDAA
            APPROVER  PRIVATE   SAME     ADDDDDDDAA AADDDDDDAA
            APPROVER  PRIVATE   OTHER    ADDDDDDDAA ADDDDDDDAA
            APPROVER  PRIVATE   NOWHERE  ADDDDDDDAA ADDDDDDDAA
            APPROVER  DM        SAME     ADDDDDDDAA AADDDDDDAA
            APPROVER  DM        OTHER    ADDDDDDDAA ADDDDDDDAA
            APPROVER  DM        NOWHERE  ADDDDDDDAA ADDDDDDDAA
            APPROVER  GROUP_DM  SAME     ADDDDDDDAA AADDDDDDAA
            APPROVER  GROUP_DM  OTHER    ADDDDDDDAA ADDDDDDDAA
            APPROVER  GROUP_DM  NOWHERE  ADDDDDDDAA ADDDDDDDAA
            APPROVER  NONE      OTHER    ADDDDDDDAA ADDDDDDDAA
            APPROVER  NONE      NOWHERE  ADDDDDDDAA ADDDDDDDAA
            ASKER     PUBLIC    SAME     ADDDDDDDDD AADDDDDDDD
            ASKER     PUBLIC    OTHER    ADDDDDDDDD ADDDDDDDDD
            ASKER     PUBLIC    NOWHERE  ADDDDDDDDD ADDDDDDDDD
            ASKER     PRIVATE   SAME     ADDDDDDDDD AADDDDDDDD
            ASKER     PRIVATE   OTHER    ADDDDDDDDD ADDDDDDDDD
            ASKER     PRIVATE   NOWHERE  ADDDDDDDDD ADDDDDDDDD
            ASKER     DM        SAME     ADDDDDDDDD AADDDDDDDD
            ASKER     DM        OTHER    ADDDDDDDDD ADDDDDDDDD
            ASKER     DM        NOWHERE  ADDDDDDDDD ADDDDDDDDD
            ASKER     GROUP_DM  SAME     ADDDDDDDDD AADDDDDDDD
            ASKER     GROUP_DM  OTHER    ADDDDDDDDD ADDDDDDDDD
            ASKER     GROUP_DM  NOWHERE  ADDDDDDDDD ADDDDDDDDD
            ASKER     NONE      OTHER    ADDDDDDDDD ADDDDDDDDD
            ASKER     NONE      NOWHERE  ADDDDDDDDD ADDDDDDDDD
            ADMIN     PUBLIC    SAME     AAAAAAAADD AAAAAAAADD
            ADMIN     PUBLIC    OTHER    AAAAAAAADD AAAAAAAADD
            ADMIN     PUBLIC    NOWHERE  AAAAAAAADD AAAAAAAADD
            ADMIN     PRIVATE   SAME     AAAAAAAADD AAAAAAAADD
            ADMIN     PRIVATE   OTHER    AAAAAAAADD AAAAAAAADD
            ADMIN     PRIVATE   NOWHERE  AAAAAAAADD AAAAAAAADD
            ADMIN     DM        SAME     AAAAAAAADD AAAAAAAADD
            ADMIN     DM        OTHER    AAAAAAAADD AAAAAAAADD
            ADMIN     DM        NOWHERE  AAAAAAAADD AAAAAAAADD
            ADMIN     GROUP_DM  SAME     AAAAAAAADD AAAAAAAADD
            ADMIN     GROUP_DM  OTHER    AAAAAAAADD AAAAAAAADD
            ADMIN     GROUP_DM  NOWHERE  AAAAAAAADD AAAAAAAADD
            ADMIN     NONE      OTHER    AAAAAAAADD AAAAAAAADD
            ADMIN     NONE      NOWHERE  AAAAAAAADD AAAAAAAADD
            STRANGER  PUBLIC    SAME     ADDDDDDDDD AADDDDDDDD
            STRANGER  PUBLIC    OTHER    ADDDDDDDDD ADDDDDDDDD
            STRANGER  PUBLIC    NOWHERE  ADDDDDDDDD ADDDDDDDDD
            STRANGER  PRIVATE   SAME     ADDDDDDDDD AADDDDDDDD
            STRANGER  PRIVATE   OTHER    HHHHHHHHHH HHHHHHHHHH
            STRANGER  PRIVATE   NOWHERE  HHHHHHHHHH HHHHHHHHHH
            STRANGER  DM        SAME     ADDDDDDDDD AADDDDDDDD
            STRANGER  DM        OTHER    HHHHHHHHHH HHHHHHHHHH
            STRANGER  DM        NOWHERE  HHHHHHHHHH HHHHHHHHHH
            STRANGER  GROUP_DM  SAME     ADDDDDDDDD AADDDDDDDD
            STRANGER  GROUP_DM  OTHER    HHHHHHHHHH HHHHHHHHHH
            STRANGER  GROUP_DM  NOWHERE  HHHHHHHHHH HHHHHHHHHH
            STRANGER  NONE      OTHER    ADDDDDDDDD ADDDDDDDDD
            STRANGER  NONE      NOWHERE  ADDDDDDDDD ADDDDDDDDD
            """;

    static Stream<Arguments> slackTable() {
        return rows(SLACK_TABLE).map(r -> Arguments.of(Relation.valueOf(r[0]), r[1], r[2], r[3], r[4]));
    }

    @ParameterizedTest(name = "{0} in {1} from {2}: assigned {3}, unassigned {4}")
    @MethodSource("slackTable")
    void slackActions(Relation relation, String kind, String origin, String assigned, String unassigned) {
        assertThat(outcomes(policy, relation.actor(), task(kind, Optional.of("U_ASSIGNEE")), origin(origin)))
                .as("assigned task, actions " + SLACK_ORDER).isEqualTo(assigned);
        assertThat(outcomes(policy, relation.actor(), task(kind, Optional.empty()), origin(origin)))
                .as("unassigned task, actions " + SLACK_ORDER).isEqualTo(unassigned);
    }

    @ParameterizedTest(name = "{0}, self-approval allowed={1}: {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            ASKER    | false | APPROVE | You asked for this review of task #7, so another approver must approve it.
            ASKER    | false | REJECT  | You asked for this review of task #7, so another approver must reject it.
            CREATOR  | false | APPROVE | You created task #7, so another approver must approve it.
            CREATOR  | false | REJECT  | You created task #7, so another approver must reject it.
            APPROVER | false | APPROVE | allowed
            ASKER    | true  | APPROVE | allowed
            ASKER    | true  | REJECT  | allowed
            CREATOR  | true  | APPROVE | allowed
            APPROVER | true  | APPROVE | allowed
            ASSIGNEE | true  | APPROVE | Only the approvers of task #7 can approve it.
            ADMIN    | true  | APPROVE | Only the approvers of task #7 can approve it.
            ADMIN    | false | REJECT  | Only the approvers of task #7 can reject it.
            """)
    void selfApproval(Relation relation, boolean allowSelf, TaskAction action, String expected) {
        PermissionPolicy chosen = allowSelf ? lenient : policy;
        Decision decision = chosen.decide(relation.actor(), task("PRIVATE", Optional.of("U_ASSIGNEE")),
                Origin.in("C_TASK"), action);
        assertThat(text(decision)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} asks {1}, self-approval allowed={2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            CREATOR  | U_CREATOR            | false | You can't review your own request for task #7: name someone else as approver.
            ASSIGNEE | U_ASSIGNEE           | false | You can't review your own request for task #7: name someone else as approver.
            ASSIGNEE | U_ASSIGNEE U_APPROVER | false | You can't approve a review you ask for: take yourself off the approvers of task #7.
            ASSIGNEE | U_CREATOR            | false | The creator of task #7 can't approve it: name someone else as approver.
            ADMIN    | U_CREATOR U_APPROVER | false | The creator of task #7 can't approve it: name someone else as approver.
            CREATOR  | U_APPROVER           | false | allowed
            ASSIGNEE | U_APPROVER U_ADMIN   | false | allowed
            ADMIN    | U_APPROVER           | false | allowed
            CREATOR  | U_CREATOR            | true  | allowed
            ASSIGNEE | U_ASSIGNEE           | true  | allowed
            STRANGER | U_APPROVER           | false | Only the creator, the assignee or an admin can ask for a review of task #7.
            STRANGER | U_STRANGER           | true  | Only the creator, the assignee or an admin can ask for a review of task #7.
            APPROVER | U_ASKER              | false | Only the creator, the assignee or an admin can ask for a review of task #7.
            """)
    void askingForReview(Relation relation, String approvers, boolean allowSelf, String expected) {
        PermissionPolicy chosen = allowSelf ? lenient : policy;
        Decision decision = chosen.askReview(relation.actor(), task("PUBLIC", Optional.of("U_ASSIGNEE")),
                Origin.in("C_TASK"), List.of(approvers.split(" ")));
        assertThat(text(decision)).isEqualTo(expected);
    }

    @Test
    void askingForReviewOfAnInvisibleTaskIsHiddenNotExplained() {
        assertThat(policy.askReview(Relation.STRANGER.actor(), task("PRIVATE", Optional.of("U_ASSIGNEE")),
                Origin.in("C_OTHER"), List.of("U_STRANGER"))).isEqualTo(Decision.HIDDEN);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            START    | PUBLIC | Only the creator, the assignee or an admin can start task #7.
            DONE     | PUBLIC | Only the creator, the assignee or an admin can complete task #7.
            CANCEL   | PUBLIC | Only the creator, the assignee or an admin can cancel task #7.
            REDATE   | PUBLIC | Only the creator, the assignee or an admin can change the due date of task #7.
            RETITLE  | PUBLIC | Only the creator, the assignee or an admin can rename task #7.
            REASSIGN | PUBLIC | Only the creator, the assignee or an admin can reassign task #7.
            CANCEL   | DM     | Only the creator, the assignee or an admin can cancel task #7.
            """)
    void reasonsNameTheRuleAndTheTask(TaskAction action, String kind, String expected) {
        assertThat(text(policy.decide(Relation.STRANGER.actor(), task(kind, Optional.of("U_ASSIGNEE")),
                Origin.in("C_TASK"), action))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} hands {1}'s place to {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            APPROVER | U_APPROVER | U_NEW      | allowed
            CREATOR  | U_APPROVER | U_NEW      | allowed
            ADMIN    | U_APPROVER | U_NEW      | allowed
            ASSIGNEE | U_APPROVER | U_NEW      | Only an approver of task #7 can hand over their place; its creator or an admin can replace an approver who is away.
            STRANGER | U_APPROVER | U_NEW      | Only an approver of task #7 can hand over their place; its creator or an admin can replace an approver who is away.
            STRANGER | U_STRANGER | U_NEW      | You are not an approver of task #7, so there is no place to hand over.
            CREATOR  | U_NOBODY   | U_NEW      | The person you replace is not an approver of task #7.
            APPROVER | U_APPROVER | U_CREATOR  | Task #7 can't be approved by who created it or asked for its review: hand the place to someone else.
            APPROVER | U_APPROVER | U_ASKER    | Task #7 can't be approved by who created it or asked for its review: hand the place to someone else.
            """)
    void delegating(Relation who, String from, String to, String expected) {
        assertThat(text(policy.delegate(who.actor(), task("PUBLIC", Optional.of("U_ASSIGNEE")), Origin.in("C_TASK"),
                from, to))).isEqualTo(expected);
    }

    @Test
    void aStrangerCannotDelegateOnATaskTheyCannotSee() {
        assertThat(policy.delegate(Relation.STRANGER.actor(), task("PRIVATE", Optional.of("U_ASSIGNEE")),
                Origin.in("C_OTHER"), "U_APPROVER", "U_STRANGER")).isEqualTo(Decision.HIDDEN);
    }

    @Test
    void takingAnUnassignedTaskFromElsewhereSaysWhereItCanBeTaken() {
        assertThat(text(policy.decide(Relation.STRANGER.actor(), task("PUBLIC", Optional.empty()),
                Origin.in("C_OTHER"), TaskAction.START))).isEqualTo(
                "Only the creator, the assignee or an admin can start task #7."
                        + " Anyone can take an unassigned task from the channel it was posted in.");
    }

    @Test
    void creatingInAConversationNeedsItPublicOrTheCreatorInIt() {
        for (ConversationKind kind : ConversationKind.values()) {
            Conversation there = new Conversation("G_THERE", kind);
            assertThat(policy.createIn(Actor.person("U_ANY"), there, true).allowed()).isTrue();
            assertThat(policy.createIn(Actor.admin("U_ADMIN"), there, false).allowed()).isEqualTo(kind.isPublic());
            Decision stranger = policy.createIn(Actor.person("U_STRANGER"), there, false);
            assertThat(stranger.allowed()).isEqualTo(kind.isPublic());
            if (!kind.isPublic()) {
                assertThat(text(stranger)).contains("private and you are not in it").doesNotContain("G_THERE");
            }
        }
    }

    @Test
    void hiddenCarriesNothingAboutTheTask() {
        Decision decision = policy.decide(Relation.STRANGER.actor(), task("PRIVATE", Optional.of("U_ASSIGNEE")),
                Origin.in("C_OTHER"), TaskAction.CANCEL);
        assertThat(decision).isEqualTo(new Decision.Hidden());
        assertThat(Decision.Hidden.class.getRecordComponents()).isEmpty();
        assertThat(decision.toString()).doesNotContain("7", "U_", "C_");
    }

    //            role     relation  kind      READ CHANGE DELETE
    private static final String REST_TABLE = """
            MEMBER   CREATOR   PUBLIC    AAA
            MEMBER   CREATOR   PRIVATE   AAA
            MEMBER   CREATOR   DM        AAA
            MEMBER   CREATOR   GROUP_DM  AAA
            MEMBER   CREATOR   NONE      AAA
            MEMBER   ASSIGNEE  PUBLIC    AAA
            MEMBER   ASSIGNEE  PRIVATE   AAA
            MEMBER   ASSIGNEE  DM        AAA
            MEMBER   ASSIGNEE  GROUP_DM  AAA
            MEMBER   ASSIGNEE  NONE      AAA
            MEMBER   APPROVER  PUBLIC    ADD
            MEMBER   APPROVER  PRIVATE   ADD
            MEMBER   APPROVER  DM        ADD
            MEMBER   APPROVER  GROUP_DM  ADD
            MEMBER   APPROVER  NONE      ADD
            MEMBER   STRANGER  PUBLIC    ADD
            MEMBER   STRANGER  PRIVATE   HHH
            MEMBER   STRANGER  DM        HHH
            MEMBER   STRANGER  GROUP_DM  HHH
            MEMBER   STRANGER  NONE      ADD
            MANAGER  CREATOR   PUBLIC    AAA
            MANAGER  CREATOR   PRIVATE   AAA
            MANAGER  CREATOR   DM        AAA
            MANAGER  CREATOR   GROUP_DM  AAA
            MANAGER  CREATOR   NONE      AAA
            MANAGER  ASSIGNEE  PUBLIC    AAA
            MANAGER  ASSIGNEE  PRIVATE   AAA
            MANAGER  ASSIGNEE  DM        AAA
            MANAGER  ASSIGNEE  GROUP_DM  AAA
            MANAGER  ASSIGNEE  NONE      AAA
            MANAGER  APPROVER  PUBLIC    AAA
            MANAGER  APPROVER  PRIVATE   AAA
            MANAGER  APPROVER  DM        AAA
            MANAGER  APPROVER  GROUP_DM  AAA
            MANAGER  APPROVER  NONE      AAA
            MANAGER  STRANGER  PUBLIC    AAA
            MANAGER  STRANGER  PRIVATE   AAA
            MANAGER  STRANGER  DM        AAA
            MANAGER  STRANGER  GROUP_DM  AAA
            MANAGER  STRANGER  NONE      AAA
            ADMIN    CREATOR   PUBLIC    AAA
            ADMIN    CREATOR   PRIVATE   AAA
            ADMIN    CREATOR   DM        AAA
            ADMIN    CREATOR   GROUP_DM  AAA
            ADMIN    CREATOR   NONE      AAA
            ADMIN    ASSIGNEE  PUBLIC    AAA
            ADMIN    ASSIGNEE  PRIVATE   AAA
            ADMIN    ASSIGNEE  DM        AAA
            ADMIN    ASSIGNEE  GROUP_DM  AAA
            ADMIN    ASSIGNEE  NONE      AAA
            ADMIN    APPROVER  PUBLIC    AAA
            ADMIN    APPROVER  PRIVATE   AAA
            ADMIN    APPROVER  DM        AAA
            ADMIN    APPROVER  GROUP_DM  AAA
            ADMIN    APPROVER  NONE      AAA
            ADMIN    STRANGER  PUBLIC    AAA
            ADMIN    STRANGER  PRIVATE   AAA
            ADMIN    STRANGER  DM        AAA
            ADMIN    STRANGER  GROUP_DM  AAA
            ADMIN    STRANGER  NONE      AAA
            """;

    static Stream<Arguments> restTable() {
        return rows(REST_TABLE).map(r -> Arguments.of(KeyRole.valueOf(r[0]), Relation.valueOf(r[1]), r[2], r[3]));
    }

    @ParameterizedTest(name = "{0} key of {1} on a {2} task: {3}")
    @MethodSource("restTable")
    void restKeys(KeyRole role, Relation relation, String kind, String expected) {
        ApiKeyHolder key = new ApiKeyHolder(relation.userId, role);
        TaskFacts task = task(kind, Optional.of("U_ASSIGNEE"));
        String actual = Arrays.stream(RestAction.values())
                .map(action -> code(policy.decide(key, task, action)))
                .collect(Collectors.joining());
        assertThat(actual).as("READ CHANGE DELETE").isEqualTo(expected);
    }

    @ParameterizedTest(name = "member {0} of a public task: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            CHANGE | A member key can change only tasks its principal created or is assigned to; task 7 is not one of them.
            DELETE | A member key can delete only tasks its principal created or is assigned to; task 7 is not one of them.
            """)
    void restRefusalsNameTheRule(RestAction action, String expected) {
        ApiKeyHolder key = new ApiKeyHolder("ci-bot", KeyRole.MEMBER);
        assertThat(text(policy.decide(key, task("PUBLIC", Optional.of("U_ASSIGNEE")), action))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: channel {1}, keys {2}")
    @CsvSource(delimiter = '|', textBlock = """
            MEMBER  | A member key may not set channel: posting to Slack needs a manager or admin key. | Only an admin key can manage API keys.
            MANAGER | allowed | Only an admin key can manage API keys.
            ADMIN   | allowed | allowed
            """)
    void restChannelAndKeys(KeyRole role, String channel, String keys) {
        ApiKeyHolder key = new ApiKeyHolder("ci-bot", role);
        assertThat(text(policy.postToChannel(key))).isEqualTo(channel);
        assertThat(text(policy.manageKeys(key))).isEqualTo(keys);
    }

    /** The operator's key issues keys for any workspace; a workspace's admin key for its own only; others none. */
    @ParameterizedTest(name = "{0}, operator {1}, own workspace {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            ADMIN   | true  | false | allowed
            ADMIN   | false | true  | allowed
            ADMIN   | false | false | A workspace's admin key issues keys for its own workspace only.
            MANAGER | false | true  | Only an admin key can manage API keys.
            """)
    void keysForAnotherWorkspace(KeyRole role, boolean operator, boolean own, String expected) {
        assertThat(text(policy.issueKey(new ApiKeyHolder("ci-bot", role), operator, own))).isEqualTo(expected);
    }

    /**
     * A link preview is seen by the whole conversation it is posted in: only a task visible to the
     * workspace, or one shown inside its own conversation, may be previewed (whoever posts it).
     */
    @ParameterizedTest(name = "{0} task shown in {1}: {2}")
    @CsvSource(textBlock = """
            PUBLIC,   SAME,    A
            PUBLIC,   OTHER,   A
            NONE,     OTHER,   A
            PRIVATE,  SAME,    A
            PRIVATE,  OTHER,   H
            PRIVATE,  NOWHERE, H
            DM,       SAME,    A
            DM,       OTHER,   H
            GROUP_DM, SAME,    A
            GROUP_DM, OTHER,   H
            """)
    void previewsAreShownOnlyWhereTheWholeConversationMaySeeTheTask(String kind, String origin, String expected) {
        assertThat(code(policy.showToConversation(task(kind, Optional.of("U_ASSIGNEE")), origin(origin))))
                .isEqualTo(expected);
        assertThat(code(lenient.showToConversation(task(kind, Optional.empty()), origin(origin)))).isEqualTo(expected);
    }

    private static TaskFacts task(String kind, Optional<String> assignee) {
        Optional<Conversation> conversation = kind.equals("NONE")
                ? Optional.empty()
                : Optional.of(new Conversation("C_TASK", ConversationKind.valueOf(kind)));
        return new TaskFacts(7, "U_CREATOR", assignee, Set.of("U_APPROVER", "U_ASKER", "U_CREATOR"),
                Optional.of("U_ASKER"), conversation);
    }

    private static Origin origin(String name) {
        return switch (name) {
            case "SAME" -> Origin.in("C_TASK");
            case "OTHER" -> Origin.in("C_OTHER");
            case "NOWHERE" -> Origin.nowhere();
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static String outcomes(PermissionPolicy policy, Actor actor, TaskFacts task, Origin origin) {
        return SLACK_ORDER.stream().map(action -> code(policy.decide(actor, task, origin, action)))
                .collect(Collectors.joining());
    }

    private static String code(Decision decision) {
        if (decision instanceof Decision.Denied) {
            return "D";
        }
        return decision instanceof Decision.Hidden ? "H" : "A";
    }

    private static String text(Decision decision) {
        if (decision instanceof Decision.Denied denied) {
            return denied.reason();
        }
        return decision instanceof Decision.Hidden ? "hidden" : "allowed";
    }

    private static Stream<String[]> rows(String table) {
        return table.lines().map(String::strip).filter(line -> !line.isEmpty()).map(line -> line.split("\\s+"));
    }
}
