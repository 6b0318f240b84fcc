package io.telemetryflow.iam;

import static io.telemetryflow.iam.UserStatus.ACTIVE;
import static io.telemetryflow.iam.UserStatus.CREATED;
import static io.telemetryflow.iam.UserStatus.DELETED;
import static io.telemetryflow.iam.UserStatus.INACTIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.platform.error.Rejected;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UserLifecycleTest {

    @Test
    void allowedTransitions() {
        for (UserStatus[] step : new UserStatus[][]{{CREATED, ACTIVE}, {CREATED, INACTIVE}, {ACTIVE, INACTIVE}, {INACTIVE, ACTIVE},
                {ACTIVE, DELETED}, {INACTIVE, DELETED}}) {
            assertThatCode(() -> UserLifecycle.requireTransition(step[0], step[1])).as(step[0] + "→" + step[1]).doesNotThrowAnyException();
        }
    }

    @Test
    void forbiddenTransitionsAreConflictsOnStatus() {
        for (UserStatus[] step : new UserStatus[][]{{ACTIVE, ACTIVE}, {INACTIVE, INACTIVE}, {CREATED, DELETED}, {DELETED, ACTIVE},
                {DELETED, INACTIVE}, {ACTIVE, CREATED}}) {
            assertThatThrownBy(() -> UserLifecycle.requireTransition(step[0], step[1])).as(step[0] + "→" + step[1])
                    .isInstanceOfSatisfying(Rejected.class, r -> {
                        assertThat(r.reason()).isEqualTo(Rejected.Reason.CONFLICT);
                        assertThat(r.field()).isEqualTo("status");
                    });
        }
    }

    @Test
    void nobodyDeactivatesOrDeletesThemselves() {
        Caller caller = Callers.of(SystemRole.ADMINISTRATOR, UUID.randomUUID());
        assertThatThrownBy(() -> UserLifecycle.requireNotSelf(caller, caller.userId(), INACTIVE)).isInstanceOf(Rejected.class);
        assertThatThrownBy(() -> UserLifecycle.requireNotSelf(caller, caller.userId(), DELETED)).isInstanceOf(Rejected.class);
        assertThatCode(() -> UserLifecycle.requireNotSelf(caller, UUID.randomUUID(), DELETED)).doesNotThrowAnyException();
    }

    @Test
    void newPasswordsNeedTwelveCharacters() {
        assertThatThrownBy(() -> NewPassword.check("short-pass1"))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.field()).isEqualTo("password"));
        assertThatCode(() -> NewPassword.check("long-enough-1")).doesNotThrowAnyException();
    }
}
