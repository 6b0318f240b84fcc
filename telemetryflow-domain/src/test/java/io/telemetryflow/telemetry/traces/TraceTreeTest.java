package io.telemetryflow.telemetry.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.telemetryflow.telemetry.traces.TraceDetail.CriticalPathSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceTreeTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void spansComeDepthFirstByStartTimeWithDepthsAndChildren() {
        TraceDetail trace = assemble(
                span("b", "a", 10, 50), span("a", "", 0, 100), span("d", "a", 5, 20), span("c", "b", 20, 30));
        assertThat(trace.spans()).extracting(TraceSpan::spanId, TraceSpan::depth, TraceSpan::parentSpanId, TraceSpan::childSpanIds,
                TraceSpan::orphan).containsExactly(
                tuple("a", 0, "", List.of("d", "b"), false),
                tuple("d", 1, "a", List.of(), false),
                tuple("b", 1, "a", List.of("c"), false),
                tuple("c", 2, "b", List.of(), false));
        assertThat(trace).extracting(TraceDetail::rootSpanId, TraceDetail::rootInferred, TraceDetail::maxDepth, TraceDetail::orphanCount,
                TraceDetail::durationNanos).containsExactly("a", false, 2, 0L, 100L);
    }

    @Test
    void orphansAreKeptFlaggedAndDrawnAsRoots() {
        TraceDetail trace = assemble(span("a", "", 0, 100), span("x", "missing", 30, 40), span("y", "x", 31, 35));
        assertThat(trace.spans()).extracting(TraceSpan::spanId, TraceSpan::depth, TraceSpan::orphan)
                .containsExactly(tuple("a", 0, false), tuple("x", 0, true), tuple("y", 1, false));
        assertThat(trace.orphanCount()).isEqualTo(1);
        assertThat(trace.rootSpanId()).isEqualTo("a");
    }

    @Test
    void withoutAParentlessSpanTheEarliestIsTheInferredRoot() {
        TraceDetail trace = assemble(span("x", "gone", 10, 40), span("w", "gone", 5, 8));
        assertThat(trace).extracting(TraceDetail::rootSpanId, TraceDetail::rootInferred, TraceDetail::orphanCount)
                .containsExactly("w", true, 2L);
        assertThat(trace.spans()).extracting(TraceSpan::spanId).containsExactly("w", "x");
    }

    @Test
    void parentCyclesAndSelfParentsAreCutNotLoopedOver() {
        TraceDetail trace = assemble(span("a", "", 0, 100), span("p", "q", 10, 20), span("q", "p", 12, 18), span("r", "q", 13, 14),
                span("s", "s", 50, 60));
        assertThat(trace.spans()).extracting(TraceSpan::spanId, TraceSpan::depth, TraceSpan::orphan).containsExactly(
                tuple("a", 0, false), tuple("p", 0, true), tuple("q", 1, false), tuple("r", 2, false), tuple("s", 0, true));
        assertThat(trace.spans().get(2).childSpanIds()).containsExactly("r");
        assertThat(trace.spans()).hasSize(5);
    }

    @Test
    void duplicateSpanIdsKeepTheFirstAndAreCounted() {
        TraceDetail trace = assemble(span("a", "", 0, 100), span("b", "a", 10, 20), span("b", "a", 30, 40));
        assertThat(trace.spans()).extracting(TraceSpan::spanId, TraceSpan::startTimeUnixNano).containsExactly(tuple("a", "0"), tuple("b", "10"));
        assertThat(trace.duplicateSpanCount()).isEqualTo(1);
        assertThat(trace.spans().get(0).childSpanIds()).containsExactly("b");
    }

    @Test
    void criticalPathFollowsTheLastFinishingChildAndSkipsParallelWork() {
        // a: 0..100; b 10..60 and c 20..50 in parallel (c ends first, so not on the path), then d 70..90
        TraceDetail trace = assemble(span("a", "", 0, 100), span("b", "a", 10, 60), span("c", "a", 20, 50), span("d", "a", 70, 90));
        assertThat(path(trace)).containsExactly(tuple("a", 0L, 10L), tuple("b", 10L, 60L), tuple("a", 60L, 70L), tuple("d", 70L, 90L),
                tuple("a", 90L, 100L));
        assertThat(trace.spans()).extracting(TraceSpan::spanId, TraceSpan::criticalPathNanos)
                .containsExactly(tuple("a", 30L), tuple("b", 50L), tuple("c", 0L), tuple("d", 20L));
    }

    @Test
    void criticalPathClipsChildrenThatOutliveTheParentAndIgnoresThoseStartingAfterIt() {
        // b outlives a (counted up to a's end only); c starts after a ended (fire and forget): not on the path
        TraceDetail trace = assemble(span("a", "", 0, 100), span("b", "a", 40, 150), span("c", "a", 120, 130));
        assertThat(path(trace)).containsExactly(tuple("a", 0L, 40L), tuple("b", 40L, 100L));
        assertThat(trace.criticalPath().stream().mapToLong(CriticalPathSegment::durationNanos).sum()).isEqualTo(100);
    }

    @Test
    void criticalPathDescendsThroughNestedChildrenAndCoversTheRootExactly() {
        TraceDetail trace = assemble(span("a", "", 0, 100), span("b", "a", 10, 90), span("c", "b", 20, 80), span("d", "c", 30, 40),
                span("e", "c", 35, 70));
        assertThat(path(trace)).containsExactly(tuple("a", 0L, 10L), tuple("b", 10L, 20L), tuple("c", 20L, 35L), tuple("e", 35L, 70L),
                tuple("c", 70L, 80L), tuple("b", 80L, 90L), tuple("a", 90L, 100L));
    }

    @Test
    void aLeafRootIsItsOwnCriticalPathAndAZeroLengthTraceHasNone() {
        assertThat(path(assemble(span("a", "", 5, 9)))).containsExactly(tuple("a", 5L, 9L));
        assertThat(assemble(span("a", "", 5, 5)).criticalPath()).isEmpty();
    }

    @Test
    void aVeryDeepTraceNeedsNoRecursion() {
        List<TraceSpan> chain = new ArrayList<>();
        int depth = 20_000;
        for (int i = 0; i < depth; i++) {
            chain.add(span("s" + i, i == 0 ? "" : "s" + (i - 1), i, 2L * depth - i));
        }
        TraceDetail trace = assemble(chain.toArray(TraceSpan[]::new));
        assertThat(trace.maxDepth()).isEqualTo(depth - 1);
        assertThat(trace.criticalPath()).hasSize(2 * depth - 1);
    }

    private static TraceDetail assemble(TraceSpan... spans) {
        return TraceTree.assemble(TRACE, List.of(spans), false);
    }

    private static List<org.assertj.core.groups.Tuple> path(TraceDetail trace) {
        return trace.criticalPath().stream().map(segment -> tuple(segment.spanId(), Long.parseLong(segment.startTimeUnixNano()),
                Long.parseLong(segment.endTimeUnixNano()))).toList();
    }

    static TraceSpan span(String id, String parent, long start, long end) {
        return TraceSpan.stored(id, parent, "svc", "op " + id, "INTERNAL", start, end, Math.max(end - start, 0), "UNSET", "", "", 0,
                Map.of(), Map.of(), 0, Map.of(), Map.of(), new TraceSpan.Scope("", "", Map.of()), List.of(), 0, List.of(), 0);
    }
}
