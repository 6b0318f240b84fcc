package io.telemetryflow.telemetry.web;

import io.telemetryflow.telemetry.ReadAdmission;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;

/** The read slot a request holds ({@link ReadConcurrencyLimit}), given back when the request's scope ends. */
@RequestScoped
public class HeldReadSlot {

    private ReadAdmission.Slot slot;

    void hold(ReadAdmission.Slot slot) {
        this.slot = slot;
    }

    @PreDestroy
    void release() {
        if (slot != null) {
            slot.close();
        }
    }
}
