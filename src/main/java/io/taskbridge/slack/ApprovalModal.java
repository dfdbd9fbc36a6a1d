package io.taskbridge.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import io.taskbridge.approval.Decision;
import io.taskbridge.task.Task;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The modal for a decision with a comment: required to reject, optional to approve. */
public final class ApprovalModal {
    public static final String CALLBACK_ID = "approval_decision";
    public static final String COMMENT_BLOCK = "comment";
    public static final String COMMENT_ACTION = "comment_input";
    static final int MAX_COMMENT = 2000;

    private ApprovalModal() {}

    /** What the modal decides: carried in its private_metadata. */
    public record Pending(ApprovalMessage.Ref ref, Decision decision) {
        public String metadata() {
            return ref.value() + ":" + decision.name();
        }

        public static Optional<Pending> parse(String metadata) {
            if (metadata == null) {
                return Optional.empty();
            }
            int cut = metadata.lastIndexOf(':');
            if (cut < 0) {
                return Optional.empty();
            }
            try {
                Decision d = Decision.valueOf(metadata.substring(cut + 1));
                return ApprovalMessage.Ref.parse(metadata.substring(0, cut)).map(r -> new Pending(r, d));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    public static View create(Task task, Pending pending) {
        boolean reject = pending.decision() == Decision.REJECT;
        return View.builder()
                .type("modal")
                .callbackId(CALLBACK_ID)
                .privateMetadata(pending.metadata())
                .title(viewTitle(t -> t.type("plain_text").text(reject ? "Reject task #" + task.id() : "Approve task #" + task.id())))
                .submit(viewSubmit(t -> t.type("plain_text").text(reject ? "Reject" : "Approve")))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .blocks(List.of(
                        section(s -> s.text(markdownText("*" + TaskWords.idAndTitle(task, 300) + "*"))),
                        input(i -> i.blockId(COMMENT_BLOCK).optional(!reject)
                                .label(plainText(reject ? "Why? (the creator will see this)" : "Comment (optional)"))
                                .element(plainTextInput(p -> p.actionId(COMMENT_ACTION).multiline(true)
                                        .maxLength(MAX_COMMENT))))))
                .build();
    }

    public static Optional<String> comment(ViewState state) {
        Map<String, ViewState.Value> block = state == null || state.getValues() == null ? null
                : state.getValues().get(COMMENT_BLOCK);
        ViewState.Value v = block == null ? null : block.get(COMMENT_ACTION);
        return Optional.ofNullable(v).map(ViewState.Value::getValue).map(String::strip).filter(s -> !s.isEmpty());
    }
}
